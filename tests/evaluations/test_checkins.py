"""Check-ins after completion (30, 60, 90 days): asked once each, read by the facilitator by name."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate
from cohorts.evaluations.models import Response
from cohorts.reminders.services import due_now
from pd_platform import reminders
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

ANSWERS = {"used": "4", "students": "They ask to revise now.", "support": "A look at my gradebook."}


@pytest.fixture
def graduate(leader, participant):
    cohort = CohortFactory(start_date=date.today() - timedelta(days=120), facilitators=[leader])
    enrollment = EnrollmentFactory(cohort=cohort, user=participant)
    Certificate.objects.create(
        enrollment=enrollment,
        full_name=participant.full_name,
        course_title=cohort.program.title,
        cohort_name=cohort.name,
        hours=30,
        issued_at=timezone.now() - timedelta(days=31),
        signatory_name="Program Director",
        signatory_title="Chief Academic Officer",
    )
    return enrollment


def due(moment=None):
    found = due_now(moment or timezone.now(), kinds=[reminders.kind("checkin")])
    return found.ready + found.held


def test_thirty_days_after_the_certificate_the_check_in_opens(client, graduate):
    [item] = due()
    assert item.period == "day-30" and item.subject.startswith("30 days after")
    client.force_login(graduate.user)
    assert "30-day check-in" in client.get("/dashboard/").text

    response = client.post(f"/cohorts/enrollments/{graduate.pk}/check-in/", ANSWERS)

    assert response.status_code == 302
    assert Response.objects.get().occasion == "day-30"
    assert due() == []  # answered: no reminder
    assert client.get(f"/cohorts/enrollments/{graduate.pk}/check-in/").status_code == 404  # next opens at 60
    assert due(timezone.now() + timedelta(days=30))[0].period == "day-60"


def test_no_check_in_before_thirty_days(graduate):
    Certificate.objects.update(issued_at=timezone.now() - timedelta(days=10))
    assert due() == []


def test_the_facilitator_reads_check_ins_by_name(client, graduate, leader):
    client.force_login(graduate.user)
    client.post(f"/cohorts/enrollments/{graduate.pk}/check-in/", ANSWERS)
    client.force_login(leader)

    page = client.get(f"/cohorts/{graduate.cohort_id}/check-ins/").text

    assert graduate.user.full_name in page and "They ask to revise now." in page
    assert "day-30" in page


def test_another_facilitator_cannot_read_them(client, graduate):
    client.force_login(factories.facilitator())
    assert client.get(f"/cohorts/{graduate.cohort_id}/check-ins/").status_code == 404


def test_the_facilitator_answers_a_check_in_with_a_follow_up_assignment(client, graduate, leader):
    client.force_login(graduate.user)
    client.post(f"/cohorts/enrollments/{graduate.pk}/check-in/", ANSWERS)
    client.force_login(leader)
    page = client.get(f"/cohorts/{graduate.cohort_id}/check-ins/").text
    link = f"/cohorts/{graduate.cohort_id}/follow-ups/new/?to={graduate.pk}"
    assert link in page and "office hours" in page

    form = client.get(link).text
    assert f'value="{graduate.pk}"' in form and "checked" in form
    client.post(
        f"/cohorts/{graduate.cohort_id}/follow-ups/new/",
        {"recipients": [graduate.pk], "title": "Bring your gradebook", "prompt": "Let us look at it together."},
    )
    client.force_login(graduate.user)
    assert "Bring your gradebook" in client.get("/dashboard/").text
