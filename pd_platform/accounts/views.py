from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import homes
from ..export_views import start_and_show
from ..page_cache import personal_page
from . import account_fields, exports
from .forms import ProfileForm
from .middleware import record_second_factor_set_up
from .tokens import TokenError, active_tokens, create_api_token, revoke_api_token


@personal_page
@login_required
def dashboard(request):
    """A person's home: the cards the apps registered for their roles (pd_platform.homes), unless a
    room has somewhere they must go first (an invitation they followed before signing in)."""
    landing = homes.landing_for(request)
    if landing:
        return redirect(landing)
    return render(request, "accounts/dashboard.html", {"cards": homes.cards_for(request.user)})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile has been saved.")
        return redirect("account_profile")
    return _profile_page(request, form)


def _profile_page(request, form, **extra):
    context = {
        "form": form,
        "facts": account_fields.shown_to(request.user),
        "api_keys": active_tokens(request.user),
        **extra,
    }
    return render(request, "accounts/profile.html", context, status=400 if extra.get("key_error") else 200)


@login_required
@require_POST
def create_api_key(request):
    """A new API key, shown on this page once and never again."""
    try:
        _, key = create_api_token(request.user, name=request.POST.get("name", ""))
    except TokenError as problem:
        return _profile_page(request, ProfileForm(instance=request.user), key_error=str(problem))
    return _profile_page(request, ProfileForm(instance=request.user), new_key=key)


@login_required
@require_POST
def revoke_api_key(request, token_id):
    try:
        revoke_api_token(request.user, token_id)
    except TokenError:
        messages.error(request, "That key is not yours or was revoked already.")
    else:
        messages.success(request, "The key is revoked: it no longer opens anything.")
    return redirect(reverse("account_profile") + "#api-keys")


def _safe_next(request, default):
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return next_url or default


def front_end_login(request):
    """Wagtail's front-end login address (``/_util/login/``, for pages restricted to signed-in
    people). Like the admin's, it signs no one in and reads nothing posted: it sends people to the
    site's login, the one way in (verification, throttles, lockout, district sign-in, second factor)."""
    next_url = _safe_next(request, "/")
    if request.user.is_authenticated:
        return redirect(next_url)
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def admin_login(request):
    """The Wagtail admin's login address. It signs no one in: everyone signs in through the
    site's login (email verification, rate limits, the second factor). Nothing posted here is
    read. A signed-in person without access to the admin is told so, not sent round again."""
    next_url = _safe_next(request, reverse("wagtailadmin_home"))
    if request.user.is_authenticated:
        if request.user.has_perm("wagtailadmin.access_admin"):
            return redirect(next_url)
        return render(request, "accounts/no_admin_access.html", status=403)
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


class ActivateTwoFactorView(ActivateTOTPView):
    """allauth's TOTP set-up; the code it checked counts as this session's second factor."""

    def form_valid(self, form):
        response = super().form_valid(form)
        authenticator = Authenticator.objects.get(user=self.request.user, type=Authenticator.Type.TOTP)
        record_second_factor_set_up(self.request, self.request.user, authenticator)
        return response


@login_required
@require_POST
def personal_data_zip(request):
    """Everything the platform holds about the person asking, as one ZIP built in the background (recorded in the
    audit log when it is built): the button lands on the job's page, and the file is theirs alone."""
    parameters = {"person": request.user.pk, "by": request.user.pk, "day": f"{timezone.localdate():%Y-%m-%d}"}
    return start_and_show(request, exports.OWN_ZIP, parameters)
