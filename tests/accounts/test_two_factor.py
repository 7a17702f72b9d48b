"""Staff can, and where the setting says so must, use two-factor authentication (TOTP)."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def code_for(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_required_two_factor_for_staff_setup_then_login_with_a_code(client, facilitator, participant, settings):
    settings.STAFF_MFA_REQUIRED = True
    client.post("/accounts/login/", {"login": facilitator.email, "password": PASSWORD})
    response = client.get("/cohorts/review/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"

    page = client.get("/accounts/2fa/totp/activate/", follow=True)
    if "reauthenticate" in page.request["PATH_INFO"]:
        # Setting up two-factor asks for the password again.
        client.post("/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/", {"password": PASSWORD})
        page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=facilitator, type="totp").exists()
    assert client.get("/dashboard/").status_code == 200

    client.post("/accounts/logout/")
    response = client.post("/accounts/login/", {"login": facilitator.email, "password": PASSWORD})
    assert response.status_code == 302 and "/accounts/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})
    assert response.status_code == 302 and "_auth_user_id" in client.session

    # Participants are not asked for it.
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": participant.email, "password": PASSWORD})
    assert client.get("/dashboard/").status_code == 200


def test_without_the_setting_staff_are_not_forced(client, facilitator, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(facilitator)
    assert client.get("/dashboard/").status_code == 200
