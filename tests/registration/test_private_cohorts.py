"""A site cohort is private: out of every public listing, joined by its invitation link or by a confirmed
address at the school's e-mail domain, and the server refuses anyone else whatever they post."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cohorts.registration import services
from cohorts.registration.models import Cohort, Enrollment
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_cohort(db):
    return CohortFactory(name="Roosevelt High School 2027", private=True, email_domain="roosevelt.k12.ca.us")


@pytest.fixture
def public_cohort(db):
    return CohortFactory(name="Cohort 09")


def register_url(cohort, invitation=None):
    url = f"/cohorts/register/{cohort.program_id}/"
    return f"{url}?invitation={invitation}" if invitation else url


def post(client, cohort, invitation=None):
    return client.post(register_url(cohort, invitation), {"cohort": str(cohort.pk), "payment_method": "online"})


def test_a_private_cohort_is_in_no_public_listing(client, participant, site_cohort, public_cohort):
    listed = [c["name"] for c in client.get("/api/cohorts/").json()["cohorts"]]
    assert listed == ["Cohort 09"]
    client.force_login(participant)
    page = client.get(register_url(site_cohort)).content.decode()
    assert "Cohort 09" in page and "Roosevelt" not in page
    course_page = client.get(site_cohort.program.url).content.decode()
    assert "Roosevelt" not in course_page


def test_the_invitation_link_leads_to_that_cohorts_registration(client, participant, site_cohort):
    link = f"/cohorts/join/{site_cohort.invitation_key}/"
    to_register = client.get(link)["Location"]
    assert to_register == register_url(site_cohort, site_cohort.invitation_key)
    assert client.get(to_register)["Location"].startswith("/accounts/login/")  # signed in first, link kept

    client.force_login(participant)
    assert "Roosevelt High School 2027" in client.get(to_register).content.decode()
    assert post(client, site_cohort, site_cohort.invitation_key).status_code == 302
    assert Enrollment.objects.get(user=participant).cohort == site_cohort


def test_without_the_link_the_server_refuses_a_private_cohort(client, participant, site_cohort):
    client.force_login(participant)
    page = post(client, site_cohort).content.decode()
    assert not Enrollment.objects.exists()
    assert "is open for registration right now" in page and "Roosevelt" not in page  # not even offered
    with pytest.raises(services.RegistrationError, match="invitation link its facilitator sent"):
        services.register_for_cohort(participant, site_cohort.pk, "online")
    with pytest.raises(services.RegistrationError):
        services.register_for_cohort(participant, site_cohort.pk, "online", invitation="a-guess")
    assert not Enrollment.objects.exists()


def test_a_confirmed_address_at_the_school_domain_opens_it_an_unconfirmed_one_does_not(
    client, participant, site_cohort
):
    address = EmailAddress.objects.create(user=participant, email="pat@Roosevelt.k12.ca.us", verified=False)
    client.force_login(participant)
    assert "Roosevelt" not in client.get(register_url(site_cohort)).content.decode()
    with pytest.raises(services.RegistrationError, match="confirm your address at roosevelt.k12.ca.us"):
        services.register_for_cohort(participant, site_cohort.pk, "online")

    address.verified = True
    address.save()
    assert "Roosevelt High School 2027" in client.get(register_url(site_cohort)).content.decode()
    assert post(client, site_cohort).status_code == 302
    assert Enrollment.objects.get(user=participant).cohort == site_cohort


def test_an_unknown_invitation_link_says_so(client):
    response = client.get("/cohorts/join/not-a-real-key/")
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


def test_every_cohort_has_its_own_invitation_key(public_cohort, site_cohort):
    assert len({public_cohort.invitation_key, site_cohort.invitation_key}) == 2
    assert len(site_cohort.invitation_key) >= 24
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=public_cohort.pk).update(invitation_key=site_cohort.invitation_key)


@pytest.mark.parametrize(
    ("domain", "error"),
    [
        ("gmail.com", "Anyone can have an address at gmail.com"),
        ("roosevelt", "is not an e-mail domain"),
        ("pat@roosevelt.k12.ca.us", "is not an e-mail domain"),
    ],
)
def test_a_domain_must_be_a_schools_own(site_cohort, domain, error):
    site_cohort.email_domain = domain
    with pytest.raises(ValidationError, match=error):
        site_cohort.full_clean()


def test_a_domain_is_kept_as_the_part_after_the_at_and_only_on_a_private_cohort(site_cohort, public_cohort):
    site_cohort.email_domain = "@Roosevelt.K12.CA.us"
    site_cohort.full_clean()
    assert site_cohort.email_domain == "roosevelt.k12.ca.us"
    public_cohort.email_domain = "roosevelt.k12.ca.us"
    with pytest.raises(ValidationError, match="Only a private cohort"):
        public_cohort.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=public_cohort.pk).update(email_domain="roosevelt.k12.ca.us")
