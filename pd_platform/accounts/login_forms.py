"""The sign-in form (apart from ``forms``: allauth's forms import our sign-up form from there)."""

from allauth.account.forms import LoginForm
from django import forms
from django.conf import settings

from .sso import required_district


class DistrictAwareLoginForm(LoginForm):
    """allauth's sign-in, refusing a password for an address whose district signs its people in itself."""

    def clean(self):
        district = required_district(self.data.get("login", "").strip(), settings.SSO_DISTRICTS)
        if district is not None:
            raise forms.ValidationError(
                f"{district.name} signs its staff in with its own accounts: use the "
                f"\u201cSign in with {district.name}\u201d button below, not a password."
            )
        return super().clean()
