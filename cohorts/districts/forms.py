from django import forms
from django.contrib.auth import get_user_model
from wagtail.models import Page

from cohorts.registration.models import District

from .models import REPORTS


def _programs():
    from modules.models import CoursePage, WorkshopSeriesPage

    ids = [*CoursePage.objects.values_list("pk", flat=True), *WorkshopSeriesPage.objects.values_list("pk", flat=True)]
    return Page.objects.filter(pk__in=ids).order_by("title")


class CoordinatorForm(forms.Form):
    email = forms.EmailField(label="Their e-mail address", help_text="They need an account on the platform.")
    district = forms.ModelChoiceField(District.objects.all(), label="District")

    def clean_email(self):
        user = get_user_model().objects.filter(email__iexact=self.cleaned_data["email"].strip()).first()
        if user is None:
            raise forms.ValidationError("Nobody has an account with this address yet.")
        self.user = user
        return user.email


class RequiredTrackForm(forms.Form):
    title = forms.CharField(max_length=150, label="Name of the track", help_text="Such as “New teachers 2026-27”.")
    program = forms.ModelChoiceField(queryset=Page.objects.none(), label="Program they must take")
    addresses = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Staff e-mail addresses",
        help_text="One a line (or separated by commas), at the district's e-mail domains.",
    )
    school = forms.CharField(
        required=False,
        max_length=150,
        label="Or everyone at this school",
        help_text="As people wrote it in their profile.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = _programs()

    def address_list(self):
        text = self.cleaned_data.get("addresses", "")
        return [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]


class ShareLinkForm(forms.Form):
    report = forms.ChoiceField(choices=REPORTS, label="Report to share")
    label = forms.CharField(required=False, max_length=150, label="Who it is for", help_text="Only you see this.")
    days = forms.IntegerField(min_value=1, max_value=90, initial=14, label="Days the link works")
