"""The demo names the program office (College Bridge, from the seeds): its contact on the program page, its
address and tax ID on invoices, a named signatory on certificates, the organisation as the issuer on the verify
page. Seeding again never replaces what an office typed."""

import io
import re

import pytest
from django.core.management import call_command

from certificates.models import Certificate
from cohorts.registration.documents import invoice_pdf
from cohorts.registration.models import Enrollment
from content.demo import contact
from modules.models import CoursePage, ProgramContactSettings
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def words(text):
    return " ".join(text.split())


def test_the_demo_names_the_program_office_on_its_pages_invoices_and_certificates(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())

    program = client.get(CoursePage.objects.get().url).content.decode()
    contact_section = program[program.index('id="contact-heading"') :]
    assert "Owynn Lancaster, Chief Academic Officer" in contact_section
    assert 'href="mailto:program-office@example.org"' in contact_section
    assert "has not added its contact details" not in program

    enrollment = Enrollment.objects.filter(user__email="participant@example.org").first()
    invoice = words(pdf_text(invoice_pdf(enrollment)))
    assert "College Bridge Program Office 1200 Example Avenue, Suite 300 Los Angeles, CA 90017 Tax ID" in invoice
    assert "Tax ID (EIN): 45-1215081" in invoice

    certificate = Certificate.objects.get(enrollment__user__email="graduate@example.org")
    printed = words(pdf_text(certificate.pdf.open("rb").read()))
    assert "Owynn Lancaster" in printed and "Chief Academic Officer, College Bridge" in printed
    assert "Program Director" not in printed

    verify = words(re.sub(r"<[^>]+>", " ", client.get(f"/certificates/verify/{certificate.code}/").content.decode()))
    assert "Issuer College Bridge" in verify
    assert "Signed by Owynn Lancaster, Chief Academic Officer" in verify


def test_seeding_again_keeps_what_the_office_changed_and_fills_only_what_is_empty():
    contact.seed()
    office = ProgramContactSettings.load()
    office.organization_name = "College Bridge Foundation"
    office.contact_name = "Dana Office"
    office.tax_id = ""
    office.save()

    contact.seed()
    contact.seed()
    after = ProgramContactSettings.objects.get()
    assert (after.organization_name, after.contact_name) == ("College Bridge Foundation", "Dana Office")
    assert after.tax_id == "45-1215081"  # emptied, so filled again
    assert ProgramContactSettings.objects.count() == 1
