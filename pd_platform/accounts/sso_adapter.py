"""How a district's sign-in fills in a new account (see ``pd_platform.accounts.sso``), and what it
may vouch for: a district's own identity provider is trusted for addresses at its own domains
only. Whatever address it claims elsewhere (admin@example.org, another district's teacher) is
neither confirmed nor used to sign anyone in."""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings


def _district_of(provider):
    """The SSO_DISTRICTS / SSO_SAML_DISTRICTS entry a provider signs in for, or None (Google, Microsoft)."""
    provider_id = getattr(getattr(provider, "app", None), "provider_id", None)
    return next((d for d in settings.SSO_DISTRICTS if d.id == provider_id), None)


def vouches_for(provider, email: str) -> bool:
    """Whether this sign-in may vouch for ``email``: a district's, for its own domains only."""
    district = _district_of(provider)
    return district is None or email.rsplit("@", 1)[-1].lower() in district.domains


class DistrictAccountAdapter(DefaultSocialAccountAdapter):
    def can_authenticate_by_email(self, login, email):
        return vouches_for(login.provider, email) and super().can_authenticate_by_email(login, email)

    def pre_social_login(self, request, sociallogin):
        for address in sociallogin.email_addresses:
            if not vouches_for(sociallogin.provider, address.email):
                address.verified = False  # its claim outside its domains proves nothing here
        super().pre_social_login(request, sociallogin)

    def populate_user(self, request, sociallogin, data):
        """The name the district knows the person by, as a start: they confirm it on the sign-up page,
        since it is printed on their certificates."""
        user = super().populate_user(request, sociallogin, data)
        name = (data.get("name") or " ".join(filter(None, [data.get("first_name"), data.get("last_name")]))).strip()
        if name and not user.full_name:
            user.full_name = name[:150]
        return user

    def get_signup_form_initial_data(self, sociallogin):
        """The sign-up page starts from the name the district knows (the person confirms or corrects it)."""
        initial = super().get_signup_form_initial_data(sociallogin)
        if sociallogin.user.full_name:
            initial["full_name"] = sociallogin.user.full_name
        return initial
