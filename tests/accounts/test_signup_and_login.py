"""Sign up, verify the email, log in, reset the password and change the email through allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from pd_platform.accounts import roles
from pd_platform.accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "revise-and-resubmit-42"


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def sign_up(client, email="teacher@example.org"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "full_name": "Jordan Lee",
            "job_title": "coach",
            "school": "Lincoln Middle School",
        },
    )


def test_signup_page_labels_every_field(client):
    html = client.get("/accounts/signup/").content.decode()
    for label in ["Email", "Password", "Full name", "Role", "School or site"]:
        assert re.search(rf"<label[^>]*>{label}", html), label
    assert not re.search(
        r"<label[^>]*>District", html
    )  # not the person's to say: see tests/registration/test_districts.py


def test_sign_up_verify_then_log_in(client, mailoutbox):
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="teacher@example.org")
    assert user.full_name == "Jordan Lee"
    assert user.job_title == "coach"
    assert user.groups.filter(name=roles.PARTICIPANT).exists()

    # Verification is mandatory: no way in before the link is followed.
    client.logout()
    response = client.post("/accounts/login/", {"login": "teacher@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session

    assert len(mailoutbox) >= 1
    confirm_url = link_in(mailoutbox[-1])
    assert client.get(confirm_url).status_code == 200
    client.post(confirm_url)
    assert EmailAddress.objects.get(email="teacher@example.org").verified

    response = client.post("/accounts/login/", {"login": "Teacher@Example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_signup_refuses_a_missing_name(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "someone@example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "full_name": "",
            "job_title": "coach",
        },
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not User.objects.filter(email="someone@example.org").exists()


def test_signup_with_a_taken_email_makes_no_second_account_and_tells_the_owner(client, participant, mailoutbox):
    # The page does not reveal whether an address is registered; the owner gets an email.
    response = sign_up(client, email=participant.email)
    assert response.status_code == 302
    assert User.objects.filter(email=participant.email).count() == 1
    assert mailoutbox[-1].to == [participant.email]
    assert "already" in mailoutbox[-1].body.lower()


def test_wrong_password_says_so(client, participant):
    response = client.post("/accounts/login/", {"login": participant.email, "password": "nope-nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_password_reset_by_email(client, participant, mailoutbox):
    client.post("/accounts/password/reset/", {"email": participant.email})
    assert len(mailoutbox) == 1
    reset_url = link_in(mailoutbox[0])
    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.login(email=participant.email, password=NEW_PASSWORD)
    assert not client.login(email=participant.email, password=PASSWORD)


def test_email_change_sends_a_verification_to_the_new_address(client, participant, mailoutbox):
    client.force_login(participant)
    asked = client.post("/accounts/email/", {"action_add": "", "email": "new-address@example.org"})
    response = client.post(asked["Location"], {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert mailoutbox[-1].to == ["new-address@example.org"]
    confirm_url = link_in(mailoutbox[-1])
    client.post(confirm_url)
    participant.refresh_from_db()
    assert participant.email == "new-address@example.org"


def test_a_session_must_give_the_password_again_to_add_an_address(client, participant, mailoutbox):
    client.force_login(participant)  # whoever holds the session: a borrowed laptop, a launch
    response = client.post("/accounts/email/", {"action_add": "", "email": "takeover@example.org"})

    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="takeover@example.org").exists()
    assert mailoutbox == []
    wrong = client.post(response["Location"], {"password": "not-the-password"})
    assert wrong.status_code == 200 and not EmailAddress.objects.filter(email="takeover@example.org").exists()
    # With the password, the suspended request goes through.
    client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert EmailAddress.objects.filter(user=participant, email="takeover@example.org").exists()


def test_changing_the_password_asks_for_the_current_one(client, participant):
    client.force_login(participant)
    client.post("/accounts/password/change/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert not client.login(email=participant.email, password=NEW_PASSWORD)
    assert client.login(email=participant.email, password=PASSWORD)


def test_profile_edit_changes_the_name_printed_on_certificates(client, participant):
    client.force_login(participant)
    response = client.post(
        "/accounts/profile/",
        {"full_name": "Dr. Pat Q. Rivera", "job_title": "tosa", "school": ""},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.full_name == "Dr. Pat Q. Rivera"
    assert participant.job_title == "tosa"


def test_profile_needs_a_name(client, participant):
    client.force_login(participant)
    response = client.post("/accounts/profile/", {"full_name": "", "job_title": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_pages_behind_login_send_anonymous_visitors_to_log_in(client):
    for url in ["/dashboard/", "/accounts/profile/", "/accounts/email/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


def test_role_groups_exist_with_their_permissions():
    admin = Group.objects.get(name=roles.ADMIN)
    perms = {f"{p.content_type.app_label}.{p.codename}" for p in admin.permissions.all()}
    assert {"wagtailadmin.access_admin", "accounts.change_user", "modules.change_cstpstandard"} <= perms
    assert admin.page_permissions.filter(permission__codename="publish_page").exists()
    assert not Group.objects.get(name=roles.PARTICIPANT).permissions.exists()
    assert Group.objects.filter(name=roles.FACILITATOR).exists()
