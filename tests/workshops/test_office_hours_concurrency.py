"""Many people taking the last seats of office hours at once, on PostgreSQL: never more than capacity."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cohorts.workshops.models import OfficeHours, OfficeHoursSeat
from cohorts.workshops.office_hours import OfficeHoursError, do_take_seat
from tests.factories import CohortFactory, EnrollmentFactory, facilitator
from tests.registration.test_concurrency import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def content():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)")
    call_command("load_content", stdout=io.StringIO())


def test_simultaneous_seat_taking_never_exceeds_capacity():
    leader = facilitator()
    cohort = CohortFactory(start_date=date.today() - timedelta(days=60), facilitators=[leader])
    people = [EnrollmentFactory(cohort=cohort).user for _ in range(10)]
    session = OfficeHours.objects.create(
        program=cohort.program,
        facilitator=leader,
        starts_at=timezone.now() + timedelta(days=3),
        place="Room 4",
        capacity=3,
        time_zone="America/Los_Angeles",
    )

    errors = run_at_once(10, lambda i: do_take_seat(people[i], session.pk))

    assert OfficeHoursSeat.objects.filter(session=session, cancelled_at=None).count() == 3
    assert len(errors) == 7 and all(isinstance(e, OfficeHoursError) for e in errors)
