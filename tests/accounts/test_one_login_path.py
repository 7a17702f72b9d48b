"""One way in for everyone: the site's login (allauth), with its second factor, email
verification and rate limits. The Wagtail admin's login form is no way around them."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.cache import cache

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/admin/", "/admin/users/", "/cohorts/review/", "/reports/hours/?format=csv"]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_with_totp(program_admin):
    secret = generate_totp_secret()
    TOTP.activate(program_admin, secret)
    program_admin.totp_secret = secret
    return program_admin


def code_for(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def signed_in(client):
    return "_auth_user_id" in client.session


def test_the_admin_login_form_signs_no_one_in(client, admin_with_totp):
    response = client.post("/admin/login/", {"username": admin_with_totp.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not signed_in(client)
    for url in ADMIN_PAGES:
        response = client.get(url, follow=True)
        assert response.request["PATH_INFO"] == "/accounts/login/", url


def sent_to_login(client, url):
    """Where a signed-out visitor ends up: the site's login (perhaps by way of /admin/login/)."""
    response = client.get(url, follow=True)
    return response.status_code == 200 and response.request["PATH_INFO"] == "/accounts/login/"


def test_the_admin_login_sends_people_to_the_site_login_and_back(client):
    response = client.get("/admin/login/?next=/admin/users/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fusers%2F"
    # Wagtail's own redirect for a signed-out visitor goes to the site's login too.
    assert sent_to_login(client, "/admin/")
    # A link to another site is not followed.
    assert client.get("/admin/login/?next=https://evil.test/")["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_a_password_alone_does_not_open_the_admin_for_a_totp_account(client, admin_with_totp):
    response = client.post("/accounts/login/?next=/admin/", {"login": admin_with_totp.email, "password": PASSWORD})
    assert "/accounts/2fa/authenticate/" in response["Location"]
    assert not signed_in(client)
    for url in ADMIN_PAGES:
        # Sent to sign in, where the pending login asks for the code.
        assert client.get(url, follow=True).request["PATH_INFO"].startswith("/accounts/"), url

    response = client.post("/accounts/2fa/authenticate/", {"code": code_for(admin_with_totp.totp_secret)})
    assert signed_in(client)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/").status_code == 200


def test_a_session_made_without_the_second_factor_is_ended(client, admin_with_totp):
    """Whatever made a session (another login view, a script), a TOTP account's session
    that never passed the code is logged out at its first request."""
    client.force_login(admin_with_totp)
    response = client.get("/admin/users/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fusers%2F"
    assert not signed_in(client)
    assert client.get("/dashboard/").status_code == 302


def test_staff_who_must_use_two_factor_need_it_in_this_session(client, facilitator, settings):
    settings.STAFF_MFA_REQUIRED = True
    secret = generate_totp_secret()
    TOTP.activate(facilitator, secret)
    client.force_login(facilitator)
    assert client.get("/cohorts/review/").status_code == 302
    assert not signed_in(client)

    client.post("/accounts/login/", {"login": facilitator.email, "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})
    assert client.get("/dashboard/").status_code == 200


def test_a_signed_in_person_without_admin_access_is_told_so_without_a_redirect_loop(client, facilitator):
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": facilitator.email, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 403
    assert "No access to the admin" in response.content.decode()
    assert len(response.redirect_chain) <= 3


def test_an_account_without_two_factor_keeps_its_session_at_no_cost_per_request(client, participant):
    client.force_login(participant)
    assert client.get("/dashboard/").status_code == 200
    # The account is looked up when the session is made, not on every request.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/dashboard/").status_code == 200
    assert not any("mfa_authenticator" in q["sql"] for q in queries.captured_queries)


def test_an_unverified_account_gets_no_session_by_any_login(client):
    person = factories.UserFactory(verified=False)
    client.post("/admin/login/", {"username": person.email, "password": PASSWORD})
    assert not signed_in(client)
    response = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert "confirm-email" in response["Location"]
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_the_admin_login_is_rate_limited_like_the_sites(client, program_admin):
    for _ in range(100):
        client.post("/admin/login/", {"username": program_admin.email, "password": "wrong-password"})
    assert not signed_in(client)
    for _ in range(5):
        client.post("/accounts/login/", {"login": program_admin.email, "password": "wrong-password"})
    # Even the right password is refused now.
    response = client.post("/accounts/login/", {"login": program_admin.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert not signed_in(client)
    assert client.post("/admin/login/", {"username": program_admin.email, "password": PASSWORD}).status_code == 302
    assert not signed_in(client)
