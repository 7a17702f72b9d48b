"""Checking a launch from an LMS (pylti1p3, through django-lti's registrations and deployments).

pylti1p3 checks the state cookie, the id_token's signature against the platform's JWKS (fetched
over HTTP), that the registration (issuer + audience) and the deployment are known, and that
the nonce is one this tool issued. What it leaves open is closed here: a nonce is spent by its
first launch (a replayed id_token is refused); a token must say when it was issued and when it
expires, live at most an hour and not be issued in the future; a token for several audiences
must name this tool as its authorized party (OpenID Connect's ``azp``, LTI 1.3 core 5.1.2).
"""

import hashlib
import time
from urllib.parse import urlsplit

from django.core.cache import caches
from lti_tool.models import Key, LtiDeployment, LtiLaunch, LtiRegistration
from lti_tool.utils import DjangoToolConfig
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.deployment import Deployment
from pylti1p3.exception import LtiException
from pylti1p3.lineitem import LineItem

from . import claims

# Where sign-in state lives: a cache every process shares (settings.CACHES["lti"]).
CACHE = "lti"
# How long a spent nonce is remembered: longer than any id_token this tool accepts lives.
NONCE_MEMORY_SECONDS = 24 * 60 * 60
# The longest an id_token may live from now (LMSs issue them for minutes), and the clock skew allowed.
MAX_TOKEN_SECONDS = 60 * 60
CLOCK_SKEW_SECONDS = 5 * 60


DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"


class UnknownDeployment(LtiException):
    """A launch from a deployment no admin has entered (or under an LMS registration switched off)."""


class ToolConfig(DjangoToolConfig):
    """django-lti's registrations, found by issuer and client id; a login request without a
    client id (it is optional in OIDC initiation) is answered when the issuer has one registration.
    A deployment is known only once an admin has entered it: django-lti would record an unknown
    one on its first launch, which would let any course under a registered LMS write here."""

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        self.deployment = (
            LtiDeployment.objects.filter(
                registration__issuer=iss,
                registration__client_id=client_id,
                registration__is_active=True,
                deployment_id=deployment_id,
            )
            .select_related("registration")
            .first()
        )
        if self.deployment is None:
            raise UnknownDeployment(f"Unknown deployment {deployment_id!r}")
        return Deployment().set_deployment_id(deployment_id)

    def find_registration_by_params(self, iss, client_id, *args, **kwargs):
        if not client_id:
            candidates = list(LtiRegistration.objects.active().filter(issuer=iss)[:2])
            if len(candidates) != 1:
                return None
            client_id = candidates[0].client_id
        return super().find_registration_by_params(iss, client_id, *args, **kwargs)


class OneTimeMessageLaunch(DjangoMessageLaunch):
    def __init__(self, request, tool_config, **kwargs):
        super().__init__(request, tool_config, **kwargs)
        # The audience is checked by the registration lookup (issuer + client id); exp and iat must be there.
        self.set_jwt_verify_options({"verify_aud": False, "require": ["exp", "iat"]})

    def validate(self):
        super().validate()
        body = self._get_jwt_body()
        audience = body.get("aud")
        client_id = self.get_client_id()
        if isinstance(audience, list) and len(audience) > 1 and "azp" not in body:
            raise LtiException("The id_token names several audiences but no authorized party (azp).")
        if "azp" in body and body["azp"] != client_id:
            raise LtiException("The id_token's authorized party (azp) is not this tool.")
        now = time.time()
        expires, issued = body.get("exp"), body.get("iat")
        if not isinstance(expires, int | float) or not isinstance(issued, int | float):
            raise LtiException("The id_token's exp and iat must be numbers.")
        if expires > now + MAX_TOKEN_SECONDS or issued > now + CLOCK_SKEW_SECONDS:
            raise LtiException("The id_token's lifetime is longer than a launch takes, or it is issued in the future.")
        nonce = body.get("nonce", "")
        spent = "lti:spent-nonce:" + hashlib.sha256(nonce.encode()).hexdigest()
        if not caches[CACHE].add(spent, True, timeout=NONCE_MEMORY_SECONDS):
            raise LtiException("This launch was already used. Open the link in your course again.")
        return self


def storage():
    return DjangoCacheDataStorage(cache_name=CACHE)


def validated_launch(request) -> LtiLaunch:
    """The launch an LMS posted, checked; raises ``LtiException`` saying what is wrong."""
    message_launch = OneTimeMessageLaunch(request, ToolConfig(), launch_data_storage=storage())
    message_launch.validate()
    return LtiLaunch(message_launch)


def restored_launch(request, launch_id) -> LtiLaunch:
    """A launch checked earlier in this session (kept in the cache by its id), for deep linking's second step."""
    message_launch = DjangoMessageLaunch.from_cache(launch_id, request, ToolConfig(), launch_data_storage=storage())
    return LtiLaunch(message_launch)


def tool_key():
    """The tool's signing key (made on first use, as the embedded default does with its keys)."""
    key = Key.objects.active().order_by("-datetime_created").first()
    return key or Key.objects.generate()


def published_keys():
    """The JWKS the LMS checks the tool's signatures with (its deep-link answers, its token requests)."""
    tool_key()
    return Key.objects.as_jwks()


def _origin(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def deep_link_return_url(lti_launch):
    """Where deep linking's answer is posted: an http(s) address of the LMS, else None (a
    ``javascript:`` or ``data:`` address would run in the tool's page)."""
    url = (lti_launch.get_claim(DEEP_LINKING_SETTINGS) or {}).get("deep_link_return_url")
    return url if isinstance(url, str) and _origin(url) else None


def lms_origin(lti_launch):
    """The LMS's own web address, the one site that may frame this launch's pages: where deep linking
    answers, else where the launch returns, else the LMS's authorization endpoint."""
    return _origin(
        deep_link_return_url(lti_launch)
        or (lti_launch.launch_presentation_claim or {}).get("return_url")
        or lti_launch.registration.auth_url
    )


def deep_link_answer(lti_launch, cohort, page, launch_url):
    """(title, signed JWT) of the content item that links the LMS to ``page`` of ``cohort``: a
    resource link opening in a window of its own, with a gradebook column out of 100."""
    title = page.title if page.pk == cohort.program_id else f"{page.title} ({cohort.name})"
    resource = (
        DeepLinkResource()
        .set_url(launch_url)
        .set_title(title)
        .set_custom_params(claims.custom_for(cohort.pk, page.pk))
        .set_target("window")
        .set_lineitem(LineItem().set_label(title).set_score_maximum(100).set_tag(f"pd-{cohort.pk}-{page.pk}"))
    )
    return title, lti_launch.get_message_launch().get_deep_link().get_response_jwt([resource])
