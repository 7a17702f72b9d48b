"""Two cohorts of the course in different districts, an alumnus of an earlier one, their
facilitators, and a participant of the other program (the workshop series)."""

from datetime import date, timedelta

import pytest

from cohorts.community import services
from cohorts.community.models import Topic
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory


@pytest.fixture
def cohort(leader):
    return CohortFactory(start_date=date.today(), facilitators=[leader])


@pytest.fixture
def member(cohort):
    return EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Ana Ruiz")).user


@pytest.fixture
def colleague(cohort):
    """A participant of another cohort of the same program, in another district."""
    other = CohortFactory(program=cohort.program, start_date=date.today() - timedelta(days=7))
    user = factories.participant(full_name="Ben Tso", district="Hillview Elementary District")
    EnrollmentFactory(cohort=other, user=user)
    return user


@pytest.fixture
def alumnus(cohort):
    """Took the program a year ago."""
    earlier = CohortFactory(program=cohort.program, start_date=date.today() - timedelta(days=365))
    return EnrollmentFactory(cohort=earlier, user=factories.participant(full_name="Cy Alum")).user


@pytest.fixture
def series_participant(series_cohort):
    return EnrollmentFactory(cohort=series_cohort, user=factories.participant(full_name="Dee Series")).user


@pytest.fixture
def topic(cohort):
    return Topic.objects.filter(program=cohort.program).order_by("sort_order").first()


@pytest.fixture
def thread(member, topic):
    return services.do_start_thread(member, topic, "Retakes after the unit test?", "How do you schedule **retakes**?")
