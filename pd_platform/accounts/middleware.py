"""The second factor, enforced on every request rather than only at the login form.

allauth's login is the one way in (the Wagtail admin's login redirects to it), and it asks
for the second factor. This makes sure of it whatever made the session: a login of an
account with two-factor authentication that did not pass it (any other login view, a
script) is ended at its next request; and with STAFF_MFA_REQUIRED, facilitators and admins
must have set it up and used it in this session.

The account is looked up once, when the session is made (``user_logged_in``); each request
only reads the session.
"""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from . import roles

# Where a staff member without two-factor authentication may still go: setting it up,
# logging out, and the static files those pages need.
ALLOWED_PREFIXES = ("/accounts/", "/static/")
# Set at login when the account has a second factor that this login did not pass.
MISSING_KEY = "pd_second_factor_missing"


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or request.path.startswith("/static/"):
            return self.get_response(request)
        if request.session.get(MISSING_KEY):
            logout(request)
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")
        if (
            settings.STAFF_MFA_REQUIRED
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not second_factor_used(request, user)
            and (roles.is_facilitator(user) or roles.is_admin(user))
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def second_factor_used(request, user):
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


def has_second_factor(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def check_login(sender, request, user, **kwargs):
    """``user_logged_in``: a login that skipped the account's second factor gets no session."""
    if request is None or not hasattr(request, "session"):
        return
    if not second_factor_used(request, user) and has_second_factor(user):
        request.session[MISSING_KEY] = True


def record_second_factor_set_up(request, user, authenticator):
    """Setting up TOTP proves a code from the device: the session counts as having used it."""
    # allauth's own record keeper (it ties the records to the user as its login flow does).
    from allauth.account.internal.flows.login import record_authentication

    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)


class UnconfiguredSignInMiddleware:
    """A district sign-in (Google, Microsoft) this site has not set up answers "not found", not a
    server error: allauth routes every installed provider, configured or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from allauth.socialaccount.models import SocialApp

        if isinstance(exception, SocialApp.DoesNotExist):
            raise Http404("This sign-in is not set up on this site.") from exception
        return None
