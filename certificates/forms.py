from django import forms
from django.core.validators import validate_email

from pd_platform.dates import PlanningDateField

# A site's group: the series runs for eight or more; a school's whole staff at most.
MAX_GROUP_SIZE = 200
MAX_INVITATIONS = 100


class SiteCohortRequestForm(forms.Form):
    site = forms.CharField(label="School or site", max_length=150)
    first_date = PlanningDateField(label="First workshop date", widget=forms.DateInput(attrs={"type": "date"}))
    expected_size = forms.IntegerField(
        label="Expected group size",
        min_value=1,
        max_value=MAX_GROUP_SIZE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text="The series runs for groups of eight or more; a smaller group is approved only as an exception.",
    )
    email_domain = forms.CharField(
        label="School e-mail domain",
        max_length=100,
        required=False,
        help_text="What follows the @ in your teachers' school addresses, such as roosevelt.k12.ca.us: they may then "
        "register without the invitation link. The cohort is never listed publicly.",
    )


class InviteForm(forms.Form):
    emails = forms.CharField(
        label="Email addresses, one per line", max_length=20_000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def clean_emails(self):
        """Each address on its own, checked: nothing else (no header, no second line) gets through."""
        raw = self.cleaned_data["emails"].replace(",", "\n").replace(";", "\n")
        addresses, bad = [], []
        for line in raw.splitlines():
            address = line.strip()
            if not address:
                continue
            try:
                validate_email(address)
            except forms.ValidationError:
                bad.append(address)
            else:
                addresses.append(address.lower())
        if bad:
            shown = ", ".join(bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
            raise forms.ValidationError(f"These are not email addresses: {shown}")
        addresses = sorted(set(addresses))
        if not addresses:
            raise forms.ValidationError("Give at least one email address.")
        if len(addresses) > MAX_INVITATIONS:
            raise forms.ValidationError(f"Invite at most {MAX_INVITATIONS} people at a time.")
        return addresses
