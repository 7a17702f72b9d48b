"""The tool's endpoints: OIDC login initiation, the launch, its keys, and deep linking's choice.

Thin: ``launch`` checks what the LMS sent, ``services`` decides what it means. A launch is
verified (signature against the LMS's published keys, registration, deployment, state, a nonce
used once) before anything here changes. Pages shown inside the LMS's frame carry no cookie
they depend on: deep linking's choice travels in a signed form field, and a launch into a frame
offers a one-time link that opens the page in a tab of its own.
"""

import logging
import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import caches
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from lti_tool.constants import SESSION_KEY
from lti_tool.models import LtiResourceLink, LtiUser
from lti_tool.utils import sync_data_from_launch
from pylti1p3.contrib.django import DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from pd_platform.accounts import roles
from pd_platform.shortcuts import or_404

from . import claims, launch, selectors, services

logger = logging.getLogger(__name__)
LOGIN_BACKEND = "pd_platform.accounts.backends.ModelBackend"
CHOICE_SALT = "lti.deep-link-choice"
CONTINUE_SALT = "lti.continue"
CHOICE_SECONDS = 60 * 60
CONTINUE_SECONDS = 5 * 60
LINK_SALT = "lti.link"
LINK_SECONDS = 30 * 60
CUSTOM_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/custom"


def _in_frame(response, origin=None):
    """A page the LMS shows in its frame: framing allowed to the LMS (or, for a page that holds
    nothing but a message, to any site)."""
    response.xframe_options_exempt = True
    response._csp_replace = {"frame-ancestors": [origin] if origin else ["*"]}
    return response


def refused(request, message, status=403, title="This link could not be opened"):
    logger.warning("LTI request refused (%s): %s", status, message)
    return _in_frame(render(request, "lti/refused.html", {"title": title, "message": message}, status=status))


def _not_checked(request, error):
    if isinstance(error, launch.UnknownDeployment):
        return refused(
            request,
            "Your course's connection to this platform is not registered here yet "
            f"({error}). Ask the program office to add it under Admin → LTI → LTI deployments.",
        )
    return refused(
        request,
        "The platform could not confirm this link came from your course "
        f"({error}). Open it again from your course; if it keeps happening, your LMS administrator can "
        "check the tool's registration.",
        status=400,
    )


def _active_person(pk):
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def jwks(request):
    return JsonResponse(launch.published_keys())


@method_decorator((csrf_exempt, xframe_options_exempt), name="dispatch")
class LoginView(View):
    """OIDC third-party login initiation: the LMS names itself and the person; the tool sends the
    browser back to the LMS's authorization endpoint with a state (cookie) and a nonce (cache)."""

    def get(self, request):
        return self.initiate(request)

    def post(self, request):
        return self.initiate(request)

    def initiate(self, request):
        launch.tool_key()
        oidc_login = DjangoOIDCLogin(request, launch.ToolConfig(), launch_data_storage=launch.storage())
        try:
            return oidc_login.redirect(request.build_absolute_uri(reverse("lti:launch")))
        except (OIDCException, LtiException) as error:
            return _not_checked(request, error)


@method_decorator((csrf_exempt, xframe_options_exempt), name="dispatch")
class LaunchView(View):
    """The launch: checked, then the person identified, and signed in and sent where the link points
    (or, for an account its owner has not linked yet, offered the link; for staff, the way in)."""

    def post(self, request):
        try:
            lti_launch = launch.validated_launch(request)
        except LtiException as error:
            return _not_checked(request, error)
        if not lti_launch.deployment.is_active:
            return refused(
                request,
                "Your course's connection to this platform is switched off here. "
                "Ask the program office to turn it on under Admin → LTI → LTI deployments.",
            )
        origin = launch.lms_origin(lti_launch)
        if lti_launch.is_deep_link_launch and not launch.deep_link_return_url(lti_launch):
            return refused(
                request,
                "Your course asked to add content but gave no web address (http or https) to send it back to. "
                "Your LMS administrator can check the tool's deep-linking settings.",
                status=400,
            )
        sync_data_from_launch(lti_launch)  # django-lti's record of the LMS person, course and link
        try:
            target = None
            if lti_launch.is_resource_launch:
                found = claims.target_from(lti_launch.get_claim(CUSTOM_CLAIM))
                target = services.link_target(found) if found else None
            user = services.do_identify_launch(lti_launch.user, lti_launch.roles_claim)
            if user is None:
                return self.offer_link(request, lti_launch, target, origin)
            if lti_launch.is_deep_link_launch:
                return self.offer_choices(request, lti_launch, user, origin)
            if lti_launch.is_resource_launch:
                return self.land(request, lti_launch, user, target, origin)
        except services.LaunchRefused as refusal:
            return refused(request, str(refusal))
        return refused(request, "This kind of launch is not one the platform takes.", status=400)

    def offer_link(self, request, lti_launch, target, origin):
        """An account with the launch's address is here, not linked yet: its owner signs in here and
        confirms the link once, in a tab of its own."""
        link = {"lti_user": lti_launch.user.pk, "jti": secrets.token_urlsafe(16)}
        if target is not None:
            cohort, page = target
            ags = lti_launch.ags_claim or {}
            link.update(
                cohort=cohort.pk, page=page.pk, link=lti_launch.resource_link.pk, lineitem=ags.get("lineitem", "")
            )
        url = reverse("lti:link", args=[signing.dumps(link, salt=LINK_SALT)])
        context = {"url": url, "email": services.launch_email(lti_launch.user), "lms": lti_launch.registration.name}
        return _in_frame(render(request, "lti/link_account.html", context), origin)

    def offer_choices(self, request, lti_launch, user, origin):
        instructor = roles.FACILITATOR in claims.platform_roles(lti_launch.roles_claim)
        choices = selectors.link_choices(user) if instructor else []
        if not choices:
            raise services.LaunchRefused(
                "You do not facilitate a current cohort on this platform, so there is nothing to add yet. "
                "An administrator makes you a cohort's facilitator."
            )
        token = signing.dumps(
            {"launch": lti_launch.get_launch_id(), "user": user.pk, "jti": secrets.token_urlsafe(16)}, salt=CHOICE_SALT
        )
        response = render(request, "lti/deep_link_choose.html", {"choices": choices, "token": token, "person": user})
        return _in_frame(response, origin)

    def land(self, request, lti_launch, user, target, origin):
        ags = lti_launch.ags_claim or {}
        destination = services.do_land(user, target, lti_launch.resource_link, ags.get("lineitem", ""))
        if services.signs_in_here_only(user):
            return self.staff_way_in(request, user, destination, origin)
        if lti_launch.document_target == "iframe":
            jti = secrets.token_urlsafe(16)
            token = signing.dumps({"user": user.pk, "next": destination, "jti": jti}, salt=CONTINUE_SALT)
            response = render(
                request, "lti/continue.html", {"url": reverse("lti:continue", args=[token]), "person": user}
            )
            return _in_frame(response, origin)
        logout(request)
        login(request, user, backend=LOGIN_BACKEND)
        request.session[SESSION_KEY] = lti_launch.get_launch_id()
        return HttpResponseRedirect(destination)

    def staff_way_in(self, request, user, destination, origin):
        """A facilitator or admin is not signed in by the LMS: already signed in here as themselves,
        they go on; else the page offers the site's own sign-in, which leads to the same place."""
        if request.user.is_authenticated and request.user.pk == user.pk:
            return HttpResponseRedirect(destination)
        url = f"{reverse('account_login')}?{urlencode({'next': destination})}"
        return _in_frame(render(request, "lti/sign_in_here.html", {"url": url, "person": user}), origin)


def continue_in_tab(request, token):
    """The one-time link from a launch in a frame, opened in a tab of its own: signs the person in there."""
    try:
        data = signing.loads(token, salt=CONTINUE_SALT, max_age=CONTINUE_SECONDS)
    except signing.BadSignature:
        return refused(request, "This link has expired. Open the page again from your course.", status=400)
    if not caches[launch.CACHE].add(f"lti:continue:{data['jti']}", True, timeout=CONTINUE_SECONDS * 2):
        return refused(request, "This link was already used. Open the page again from your course.", status=400)
    user = _active_person(data["user"])
    if user is None or services.signs_in_here_only(user):
        raise Http404
    logout(request)
    login(request, user, backend=LOGIN_BACKEND)
    return HttpResponseRedirect(data["next"])


@login_required
def link_account(request, token):
    """The owner of an account, signed in here, links their LMS person to it (once), then goes where
    the launch was going."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=LINK_SECONDS)
    except signing.BadSignature:
        return refused(request, "This link has expired. Open the page again from your course.", status=400)
    lti_user = or_404(LtiUser.objects.select_related("registration").filter(pk=data["lti_user"]).first())
    problem = services.link_problem(lti_user, request.user)
    context = {"lms": lti_user.registration.name, "lms_person": lti_user, "problem": problem}
    if request.method != "POST" or problem:
        return render(request, "lti/confirm_link.html", context, status=403 if problem else 200)
    try:
        services.do_confirm_link(lti_user, request.user)
    except services.LaunchRefused as refusal:
        return render(request, "lti/confirm_link.html", {**context, "problem": str(refusal)}, status=403)
    messages.success(request, f"Your account is connected to {lti_user.registration.name}.")
    if "cohort" not in data:
        return redirect("cohorts:my_courses")
    try:
        target = services.link_target(claims.Target(data["cohort"], data["page"]))
        resource_link = LtiResourceLink.objects.get(pk=data["link"])
        return HttpResponseRedirect(services.do_land(request.user, target, resource_link, data["lineitem"]))
    except services.LaunchRefused as refusal:
        return refused(request, str(refusal))


@csrf_exempt  # posted from inside the LMS's frame, where the CSRF cookie is not sent: the signed token stands for it
@xframe_options_exempt
@require_POST
def choose(request):
    """Deep linking's second step: the instructor's choice goes back to the LMS as a signed content item."""
    try:
        data = signing.loads(request.POST.get("token", ""), salt=CHOICE_SALT, max_age=CHOICE_SECONDS)
        answered = f"lti:choice:{data['jti']}"
        lti_launch = launch.restored_launch(request, data["launch"])
        lti_launch.get_launch_data()
    except (signing.BadSignature, LtiException, KeyError):
        return refused(request, "This choice has timed out. Add the content from your course again.", status=400)
    if not lti_launch.is_deep_link_launch:
        return refused(request, "This launch was not for adding content.", status=400)
    user = _active_person(data["user"])
    choices = selectors.link_choices(user) if user else []
    cohort, page = selectors.find_choice(choices, request.POST.get("target", ""))
    origin = launch.lms_origin(lti_launch)
    if page is None:
        response = render(
            request,
            "lti/deep_link_choose.html",
            {"choices": choices, "token": request.POST.get("token"), "person": user, "error": "Choose a page to add."},
            status=400,
        )
        return _in_frame(response, origin)
    if not caches[launch.CACHE].add(answered, True, timeout=CHOICE_SECONDS * 2):
        return refused(request, "This choice was already sent to your course. Add content again from the course.", 400)
    title, jwt = launch.deep_link_answer(lti_launch, cohort, page, request.build_absolute_uri(reverse("lti:launch")))
    response = render(
        request,
        "lti/deep_link_return.html",
        {"return_url": launch.deep_link_return_url(lti_launch), "jwt": jwt, "title": title},
    )
    response._csp_update = {"form-action": [origin]}
    return _in_frame(response, origin)
