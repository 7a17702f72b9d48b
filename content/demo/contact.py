"""The program office's contact details for ``seed_demo``, from the seeds (College Bridge, its EIN, its chief
academic officer), so the demo's program pages, invoices and certificates carry a real-looking sender. The seeds
give no postal address or e-mail: the demo's are stand-ins at example.org and a made-up street.

Only fields an office has left empty are filled (the organisation's name is the model's default, so it is
never replaced): run it again, or after an office changed a detail, and nothing the office typed changes."""

from django.db import transaction

from modules.models import ProgramContactSettings

CONTACT = {
    "organization_name": "College Bridge",
    "contact_name": "Owynn Lancaster",
    "contact_title": "Chief Academic Officer",
    "contact_email": "program-office@example.org",
    "technical_support_email": "support@example.org",
    "postal_address": "Program Office\n1200 Example Avenue, Suite 300\nLos Angeles, CA 90017",
    "tax_id": "45-1215081",
    "remittance_instructions": (
        "Make checks payable to College Bridge and mail them to the address above, with the invoice number.\n"
        "For ACH payment, write to program-office@example.org for the bank details."
    ),
    "signatory_name": "Owynn Lancaster",
    "signatory_title": "Chief Academic Officer",
}


@transaction.atomic
def seed():
    contact = ProgramContactSettings.load()
    filled = [name for name, value in CONTACT.items() if not getattr(contact, name) and value]
    for name in filled:
        setattr(contact, name, CONTACT[name])
    if filled:
        contact.save()
    return [f"contact      {contact.organization_name}: {contact.contact_name}, {contact.contact_title}"]
