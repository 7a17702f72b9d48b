"""Train the trainer: a certified teacher leader runs the series at their own site."""

from datetime import date, timedelta

import pytest

from certificates.models import SiteCohortRequest
from cohorts.workshops.models import WorkshopSession
from pd_platform.accounts import roles
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_certified_teacher_leader_requests_and_an_admin_approves(client, certified, program_admin, mailoutbox):
    first = date.today() + timedelta(days=30)
    client.force_login(certified)
    client.post(
        "/certificates/site-cohorts/request/",
        {"site": "Lincoln Middle School", "first_date": first.isoformat(), "expected_size": "12"},
    )
    request = SiteCohortRequest.objects.get()
    assert request.status == "pending"

    client.force_login(certified)
    assert client.get("/certificates/site-cohorts/").status_code == 403  # approving is the office's job
    client.force_login(program_admin)
    client.post(f"/certificates/site-cohorts/{request.pk}/decide/", {"decision": "approve"})
    request.refresh_from_db()
    cohort = request.cohort
    assert request.status == "approved" and cohort.program.title == "Mastery Learning and Grading"
    assert list(cohort.facilitators.all()) == [certified]
    assert roles.FACILITATOR in roles.role_names(type(certified).objects.get(pk=certified.pk))
    assert WorkshopSession.objects.filter(cohort=cohort).count() == 6

    client.force_login(certified)
    response = client.post(
        f"/certificates/site-cohorts/{cohort.pk}/invite/",
        {"emails": "t1@school.example.org\nt2@school.example.org, t1@school.example.org"},
    )
    assert response.status_code == 302
    invited = sorted(m.to[0] for m in mailoutbox if "invites you" in m.subject)
    assert invited == ["t1@school.example.org", "t2@school.example.org"]
    assert cohort.private  # a site cohort is not listed publicly: the invitation carries its link
    assert f"/cohorts/join/{cohort.invitation_key}/" in mailoutbox[-1].body
    assert (
        f"/cohorts/join/{cohort.invitation_key}/"
        in client.get(f"/certificates/site-cohorts/{cohort.pk}/invite/").content.decode()
    )
    assert client.get(f"/cohorts/{cohort.pk}/sessions/").status_code == 200
    assert "Registered" in client.get("/certificates/cohorts/progress/").content.decode()


def test_without_a_certificate_there_is_no_site_cohort(client, participant):
    client.force_login(participant)
    page = client.get("/certificates/site-cohorts/request/").content.decode()
    assert "certified in Learning-Based Grading" in page
    client.post("/certificates/site-cohorts/request/", {"site": "X", "first_date": "2031-01-01", "expected_size": "10"})
    assert not SiteCohortRequest.objects.exists()


def test_another_facilitator_cannot_invite_to_a_site_cohort(client, certified, program_admin, mailoutbox):
    from certificates import trainers

    request = trainers.request_site_cohort(certified, "Lincoln", date.today() + timedelta(days=30), 10)
    cohort = trainers.approve_site_cohort(request, program_admin)
    client.force_login(factories.facilitator())
    assert (
        client.post(f"/certificates/site-cohorts/{cohort.pk}/invite/", {"emails": "x@example.org"}).status_code == 404
    )
    assert not mailoutbox


QUERIES_SESSIONS_PAGE = 6


def test_cohort_progress_and_sessions_pages_have_fixed_query_counts(client, program_admin, django_assert_num_queries):
    from cohorts.workshops import services as workshops
    from modules.models import WorkshopSeriesPage
    from tests.factories import CohortFactory, EnrollmentFactory

    series = WorkshopSeriesPage.objects.get()
    cohorts = []

    def add_cohorts(count, people):
        for _ in range(count):
            cohort = CohortFactory(program=series, start_date=date(2030, 1, 14))
            workshops.schedule_sessions(cohort, date(2030, 1, 14))
            for _ in range(people):
                EnrollmentFactory(cohort=cohort)
            cohorts.append(cohort)

    add_cohorts(3, 2)
    client.force_login(program_admin)
    client.get("/dashboard/")  # the session's first request also refreshes the session
    for total in (3, 9):  # the same queries for three cohorts and for nine with more people
        with django_assert_num_queries(3):
            html = client.get("/certificates/cohorts/progress/").content.decode()
        assert html.count('class="panel"') >= total
        with django_assert_num_queries(QUERIES_SESSIONS_PAGE):
            assert client.get(f"/cohorts/{cohorts[0].pk}/sessions/").status_code == 200
        add_cohorts(6, 5)
        EnrollmentFactory(cohort=cohorts[0])


def test_participants_are_refused_cohort_progress(client, participant):
    client.force_login(participant)
    assert client.get("/certificates/cohorts/progress/").status_code == 403


def _site_cohort(certified, program_admin, email_domain=""):
    from certificates import trainers

    first = date.today() + timedelta(days=30)
    site_request = trainers.request_site_cohort(certified, "Lincoln Middle School", first, 12, email_domain)
    return trainers.approve_site_cohort(site_request, program_admin)


def _invitation_to(mailoutbox, address):
    return next(m.body for m in mailoutbox if m.to == [address] and "invites you" in m.subject)


def test_the_invitation_promises_training_rate_pay_only_where_the_teachers_district_is_set_up(
    client, certified, program_admin, mailoutbox
):
    from decimal import Decimal

    factories.district("Riverside Unified", domains=["riverside.example.org"], training_rate=Decimal("62.50"))
    cohort = _site_cohort(certified, program_admin)
    client.force_login(certified)
    client.post(
        f"/certificates/site-cohorts/{cohort.pk}/invite/",
        {"emails": "ana@riverside.example.org\nben@hillcrest.example.org"},
    )

    set_up = _invitation_to(mailoutbox, "ana@riverside.example.org")
    assert "Hours beyond Riverside Unified's contracted day (8:00 AM to 3:30 PM)" in set_up
    assert "are paid at its training rate, $62.50 an hour." in set_up
    not_set_up = _invitation_to(mailoutbox, "ben@hillcrest.example.org")
    assert "paid at" not in not_set_up and "training rate" not in not_set_up
    assert "up to your district, which is not set up" in not_set_up
    page = client.get(f"/certificates/site-cohorts/{cohort.pk}/invite/").content.decode()
    assert "which is not set up" in page and "paid at its training rate" not in page


def test_a_school_domain_of_a_set_up_district_is_promised_on_condition_of_registering_with_it(
    client, certified, program_admin, mailoutbox
):
    factories.district("Riverside Unified", domains=["riverside.example.org"])
    cohort = _site_cohort(certified, program_admin, email_domain="riverside.example.org")
    client.force_login(certified)
    client.post(f"/certificates/site-cohorts/{cohort.pk}/invite/", {"emails": "cam@gmail.example.com"})
    body = _invitation_to(mailoutbox, "cam@gmail.example.com")
    assert "If you register with your riverside.example.org address, hours beyond Riverside Unified's" in body


def test_a_series_that_pays_no_training_rate_promises_no_pay(client, certified, program_admin, mailoutbox):
    from modules.models import WorkshopSeriesPage

    factories.district("Riverside Unified", domains=["riverside.example.org"])
    WorkshopSeriesPage.objects.update(pays_training_rate=False)
    cohort = _site_cohort(certified, program_admin)
    client.force_login(certified)
    client.post(f"/certificates/site-cohorts/{cohort.pk}/invite/", {"emails": "ana@riverside.example.org"})
    body = _invitation_to(mailoutbox, "ana@riverside.example.org")
    assert "paid" not in body and "training rate" not in body
