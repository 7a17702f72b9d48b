"""Many people taking the last seats of office hours at once, on PostgreSQL: never more than capacity."""

from datetime import date, timedelta

from django.utils import timezone

from cohorts.workshops.models import OfficeHours, OfficeHoursSeat
from cohorts.workshops.office_hours import OfficeHoursError, do_take_seat
from tests.concurrency import ON_POSTGRESQL, run_at_once
from tests.factories import CohortFactory, EnrollmentFactory, facilitator

pytestmark = ON_POSTGRESQL


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
