"""A cohort that started today, its facilitator and a participant in it."""

from datetime import date

import pytest

from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory


@pytest.fixture
def course_facilitator(db):
    return factories.facilitator(full_name="Fran Okafor")


@pytest.fixture
def cohort(course_facilitator):
    return CohortFactory(start_date=date.today(), facilitators=[course_facilitator])


@pytest.fixture
def enrollment(cohort, participant):
    return EnrollmentFactory(cohort=cohort, user=participant)
