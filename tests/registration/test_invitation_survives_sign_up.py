"""An invitation link followed before signing in survives sign-up, e-mail confirmation in another
browser, and sign-in: the person's first home page takes them to the cohort's registration."""

import re
from datetime import date, timedelta

import pytest
from django.test import Client

from cohorts.registration.models import Enrollment, PendingInvitation
from tests.factories import PASSWORD, CohortFactory, EnrollmentFactory, participant

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "revise-and-resubmit-42"


@pytest.fixture
def site_cohort():
    return CohortFactory(name="Roosevelt High School 2026", private=True, start_date=date.today() + timedelta(days=20))


def join_url(cohort):
    return f"/cohorts/join/{cohort.invitation_key}/"


def sign_up(client, email):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "full_name": "Avery Stone",
            "job_title": "teacher",
            "school": "Roosevelt High School",
        },
    )


def test_signed_up_and_confirmed_in_another_browser_the_invitation_leads_to_registration(
    client, site_cohort, mailoutbox
):
    followed = client.get(join_url(site_cohort))
    assert followed.status_code == 302  # to sign in, then the registration
    assert sign_up(client, "avery@roosevelt.example.org").status_code == 302
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mailoutbox[-1].body).group(1)

    phone = Client()  # the e-mail opened on another device: none of the first browser's session
    phone.post(confirm)
    assert phone.post("/accounts/login/", {"login": "avery@roosevelt.example.org", "password": NEW_PASSWORD})
    home = phone.get("/dashboard/")
    register = f"/cohorts/register/{site_cohort.program_id}/?invitation={site_cohort.invitation_key}"
    assert home.status_code == 302 and home["Location"] == register
    page = phone.get(register).content.decode()
    assert f'<option value="{site_cohort.pk}"' in page and "Roosevelt High School 2026" in page

    # Sent there once; after that the home says where the invitation is.
    home = phone.get("/dashboard/")
    assert home.status_code == 200
    text = home.content.decode()
    assert "You are invited to" in text and "Register for Roosevelt High School 2026" in text
    assert "You are not in a cohort yet" not in text


def test_once_registered_the_invitation_is_done(client, site_cohort):
    person = participant()
    client.get(join_url(site_cohort))
    client.force_login(person)
    EnrollmentFactory(user=person, cohort=site_cohort)
    home = client.get("/dashboard/")
    assert home.status_code == 200 and "You are invited to" not in home.content.decode()


def test_a_signed_in_person_following_the_link_goes_straight_to_registration(client, site_cohort):
    person = participant()
    client.force_login(person)
    response = client.get(join_url(site_cohort))
    assert response["Location"].startswith(f"/cohorts/register/{site_cohort.program_id}/?invitation=")
    assert PendingInvitation.objects.filter(user=person, cohort=site_cohort).count() == 1
    client.get(join_url(site_cohort))
    assert PendingInvitation.objects.filter(user=person, cohort=site_cohort).count() == 1


def test_an_unknown_link_keeps_nothing(client):
    assert client.get("/cohorts/join/not-a-key/").status_code == 404
    person = participant()
    client.force_login(person)
    assert client.get("/dashboard/").status_code == 200
    assert not PendingInvitation.objects.exists()
    assert not Enrollment.objects.exists()


def test_signing_in_after_following_the_link_keeps_it(client, site_cohort):
    person = participant()
    client.get(join_url(site_cohort))
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert PendingInvitation.objects.filter(user=person, cohort=site_cohort).exists()
