"""How a district's sign-in fills in a new account (see ``pd_platform.accounts.sso``)."""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class DistrictAccountAdapter(DefaultSocialAccountAdapter):
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
