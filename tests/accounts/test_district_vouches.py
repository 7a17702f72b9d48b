"""A district's own identity provider is trusted for addresses at its own domains only: a signed
sign-in that claims admin@example.org (or another district's teacher), "verified" by its own word,
signs nobody in and confirms no address. The sign-ins are built by allauth's provider from the
claims an OpenID Connect provider sends, as in a real callback."""

import json

import pytest
from allauth.socialaccount.adapter import get_adapter
from django.contrib.sessions.backends.db import SessionStore

from pd_platform.accounts import sso
from tests import factories

pytestmark = pytest.mark.django_db

RIVERSIDE = {
    "id": "riverside",
    "name": "Riverside Unified",
    "server_url": "https://idp.riverside.example",
    "client_id": "pd",
    "secret": "s",
    "domains": ["riverside.k12.ca.us"],
}


@pytest.fixture
def riverside(settings):
    settings.SSO_DISTRICTS = sso.districts_from(json.dumps([RIVERSIDE]))
    settings.SOCIALACCOUNT_PROVIDERS = sso.providers(
        lambda name, default="": json.dumps([RIVERSIDE]) if name == "SSO_DISTRICTS" else default
    )[0]


def sign_in(rf, email):
    request = rf.get("/accounts/oidc/riverside/login/callback/")
    request.session = SessionStore()
    provider = get_adapter(request).get_provider(request, "riverside")
    login = provider.sociallogin_from_response(
        request, {"sub": f"sub-{email}", "email": email, "email_verified": True, "name": "Someone"}
    )
    login.lookup()
    get_adapter(request).pre_social_login(request, login)
    return login


def test_a_district_cannot_sign_in_as_an_address_outside_its_domains(rf, riverside):
    admin = factories.program_admin(email="admin@example.org")

    login = sign_in(rf, admin.email)

    assert not login.is_existing
    assert login.user.pk is None
    assert [a.verified for a in login.email_addresses] == [False]


def test_a_district_signs_in_its_own_teacher_by_her_confirmed_address(rf, riverside):
    teacher = factories.participant(email="pat@riverside.k12.ca.us")

    login = sign_in(rf, teacher.email)

    assert login.is_existing and login.user == teacher
    assert [a.verified for a in login.email_addresses] == [True]
