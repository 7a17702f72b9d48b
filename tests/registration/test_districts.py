"""A person's district decides who approves their registrations and the training rate their hours are paid at,
so it comes from what they cannot type: the program office, their district's sign-in, or a confirmed address at
one of the district's e-mail domains. Renaming it in the profile changes nothing."""

import importlib
import json
import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.apps import apps
from django.urls import reverse

from cohorts.hours import reports
from cohorts.registration import services
from cohorts.registration.districts import district_of, settle_district
from cohorts.registration.models import ApprovalRule, DistrictMembership, Enrollment
from modules.models import WorkshopSeriesPage
from pd_platform.accounts import sso
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory, HoursEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside(db):
    """Riverside approves PD first (each teacher's supervisor) and pays $45 an hour beyond its contracted day."""
    district = factories.district("Riverside Unified", domains=["riverside.k12.ca.us"], training_rate=Decimal("45.00"))
    ApprovalRule.objects.create(district=district)
    return district


@pytest.fixture
def lakeside(db):
    """Lakeside asks no approval and pays $80."""
    return factories.district("Lakeside Unified", domains=["lakeside.k12.ca.us"], training_rate=Decimal("80.00"))


def profile_says(client):
    page = client.get("/accounts/profile/").content.decode()
    facts = re.search(r'<dl class="facts facts--stacked">(.*?)</dl>', page, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", facts).split())


def paid_rate(user):
    """The training rate the hours report pays this person's hours beyond contract at."""
    series = WorkshopSeriesPage.objects.get()
    enrollment = EnrollmentFactory(cohort=CohortFactory(program=series), user=user)
    HoursEntryFactory(enrollment=enrollment, hours_beyond_contract=Decimal("1"))
    (row,) = [r for r in reports.rows(reports.ReportFilter()) if r[0] == user.email]
    return row[2], row[11]  # district, training rate


def test_renaming_the_district_in_the_profile_changes_neither_approval_nor_training_rate(client, riverside, lakeside):
    carol = factories.participant(email="carol@riverside.k12.ca.us")
    client.force_login(carol)

    response = client.post(
        "/accounts/profile/",
        {"full_name": "Carol Diaz", "job_title": "teacher", "school": "Lincoln", "district": "Lakeside Unified"},
    )

    assert response.status_code == 302
    assert district_of(carol) == riverside
    assert "Riverside Unified From your confirmed address at riverside.k12.ca.us." in profile_says(client)
    assert 'name="district"' not in client.get("/accounts/profile/").content.decode()
    # Riverside's approval still stands between her and the seat...
    with pytest.raises(services.RegistrationError, match="give your supervisor"):
        services.register_for_cohort(carol, CohortFactory().pk, "online")
    assert (
        services.register_for_cohort(
            carol, CohortFactory().pk, "online", supervisor_email="principal@riverside.k12.ca.us"
        ).status
        == Enrollment.Status.AWAITING_APPROVAL
    )
    # ...and her hours are paid at Riverside's rate, not Lakeside's.
    assert paid_rate(carol) == ("Riverside Unified", Decimal("45.00"))


def test_a_confirmed_address_at_a_districts_domain_places_the_person_in_it(client, riverside, mailoutbox):
    teacher = factories.participant(email="jo@example.org")
    client.force_login(teacher)
    assert "Not set" in profile_says(client)
    client.post("/accounts/reauthenticate/", {"password": factories.PASSWORD})  # changing addresses asks for it

    def change_address_to(address):
        client.post("/accounts/email/", {"action_add": "", "email": address})
        return re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[-1].body).group(1)

    confirm = change_address_to("Jo.Park@Riverside.k12.ca.us")
    assert district_of(teacher) is None  # an address nobody confirmed proves nothing
    EmailAddress.objects.create(user=teacher, email="jo@mail.riverside.k12.ca.us", verified=True)
    assert district_of(teacher) is None  # the domain itself, not its subdomains

    client.post(confirm)

    teacher.refresh_from_db()
    assert district_of(teacher) == riverside
    membership = DistrictMembership.objects.get(user=teacher)
    assert (membership.source, membership.evidence) == ("address", "riverside.k12.ca.us")
    client.force_login(teacher)
    assert "Riverside Unified From your confirmed address at riverside.k12.ca.us." in profile_says(client)
    assert paid_rate(teacher) == ("Riverside Unified", Decimal("45.00"))

    # Her address changed to one elsewhere (the old one goes): nothing places her in Riverside any more.
    client.post(change_address_to("jo.park@lakeside-academy.org"))
    assert not EmailAddress.objects.filter(email__iendswith="@riverside.k12.ca.us").exists()
    assert district_of(teacher) is None


def test_the_office_sets_the_district_on_the_users_edit_page(client, program_admin, riverside, lakeside):
    teacher = factories.participant(email="sam@riverside.k12.ca.us", full_name="Sam Ortiz")
    assert district_of(teacher) == riverside
    client.force_login(program_admin)
    url = reverse("wagtailusers_users:edit", args=[teacher.pk])
    form = client.get(url).content.decode()
    assert "Now: Riverside Unified. From their confirmed address at riverside.k12.ca.us." in form

    def save(district):
        data = {
            "email": teacher.email,
            "full_name": teacher.full_name,
            "job_title": "teacher",
            "school": "",
            "district": str(district.pk) if district else "",
            "is_active": "on",
            "groups": [str(g.pk) for g in teacher.groups.all()],
        }
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]

    save(lakeside)
    membership = DistrictMembership.objects.get(user=teacher)
    assert (membership.district, membership.source, membership.set_by) == (lakeside, "office", program_admin)
    # The office's word stands: a confirmed address elsewhere does not move the person.
    EmailAddress.objects.create(user=teacher, email="s.ortiz@riverside.k12.ca.us", verified=True)
    assert district_of(teacher) == lakeside
    client.force_login(teacher)
    assert "Lakeside Unified Set by the program office." in profile_says(client)

    client.force_login(program_admin)
    save(None)  # handed back to the evidence: the confirmed address at Riverside's domain
    assert DistrictMembership.objects.get(user=teacher).source == "address"
    assert district_of(teacher) == riverside


def test_the_districts_sign_in_places_the_person_in_it(settings, riverside):
    entry = {
        "id": "riverside-idp",
        "name": "Riverside Unified",
        "entity_id": "https://idp.riverside.test/",
        "sso_url": "https://idp.riverside.test/sso",
        "x509cert": "MIIC",
        "domains": ["riverside.k12.ca.us"],
    }
    settings.SSO_DISTRICTS = sso.saml_districts_from(json.dumps([entry]))
    teacher = factories.participant(email="kim@staff-mail.org")  # an address that says nothing
    assert district_of(teacher) is None

    SocialAccount.objects.create(user=teacher, provider="riverside-idp", uid="rv-1")

    membership = DistrictMembership.objects.get(user=teacher)
    assert (membership.district, membership.source, membership.evidence) == (riverside, "sign_in", "riverside-idp")
    # Another provider (a personal Google account) places nobody.
    other = factories.participant(email="lee@staff-mail.org")
    SocialAccount.objects.create(user=other, provider="google", uid="g-1")
    assert district_of(other) is None


def test_a_districts_new_domain_places_the_people_already_confirmed_there(
    client, program_admin, lakeside, django_capture_on_commit_callbacks
):
    teacher = factories.participant(email="ana@hillcrest.k12.ca.us")
    assert district_of(teacher) is None
    client.force_login(program_admin)
    data = {
        "name": "Hillcrest USD",
        "contract_start": "08:00",
        "contract_end": "15:00",
        "training_rate": "50.00",
        "domains-TOTAL_FORMS": "1",
        "domains-INITIAL_FORMS": "0",
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "1000",
        "domains-0-domain": "hillcrest.k12.ca.us",
        "domains-0-id": "",
        "domains-0-ORDER": "0",
        "domains-0-DELETE": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/admin/snippets/cohorts/district/add/", data).status_code == 302
    assert district_of(teacher).name == "Hillcrest USD"


def test_a_closed_account_keeps_the_district_its_kept_hours_were_paid_by(riverside):
    teacher = factories.participant(email="max@riverside.k12.ca.us")
    teacher.is_active = False
    teacher.save()
    EmailAddress.objects.filter(user=teacher).delete()
    settle_district(teacher)
    assert district_of(teacher) == riverside


def test_existing_people_are_linked_by_their_confirmed_addresses_only(riverside):
    """The data migration: a confirmed address at a district's domain links; an unconfirmed one does not;
    whatever anyone typed is not read."""
    confirmed = factories.participant(email="old.timer@example.org")
    EmailAddress.objects.create(user=confirmed, email="old.timer@riverside.k12.ca.us", verified=True)
    unconfirmed = factories.participant(email="typed@example.org")
    EmailAddress.objects.create(user=unconfirmed, email="typed@riverside.k12.ca.us", verified=False)
    DistrictMembership.objects.all().delete()  # as before the migration

    migration = importlib.import_module("cohorts.registration.migrations.0019_link_existing_people_to_their_district")
    migration.link_existing_people(apps, None)

    assert DistrictMembership.objects.get(user=confirmed).district == riverside
    assert not DistrictMembership.objects.filter(user=unconfirmed).exists()
