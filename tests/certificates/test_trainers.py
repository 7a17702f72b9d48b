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
