from django.conf import settings
from django.shortcuts import redirect

from . import roles

# Where a staff member without two-factor authentication may still go: setting it up,
# logging out, and the static files those pages need.
ALLOWED_PREFIXES = ("/accounts/", "/static/")


class StaffTwoFactorMiddleware:
    """When STAFF_MFA_REQUIRED is on, facilitators and admins set up two-factor
    authentication before they can do anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_MFA_REQUIRED
            and request.user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and (roles.is_facilitator(request.user) or roles.is_admin(request.user))
            and not _has_two_factor(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_two_factor(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
