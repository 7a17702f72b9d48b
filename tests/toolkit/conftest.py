"""A participant in a course cohort that started today, the Welcome module done, and their
learning-target set; the cohort's facilitator."""

from datetime import date

import pytest

from cohorts.coursework.models import Submission
from cohorts.toolkit.target_sets import services
from modules.models import Activity
from tests import factories


@pytest.fixture
def course_facilitator(db):
    return factories.facilitator(full_name="Fran Okafor")


@pytest.fixture
def enrollment(participant, course_facilitator):
    enrollment = factories.EnrollmentFactory(
        cohort=factories.CohortFactory(start_date=date.today(), facilitators=[course_facilitator]), user=participant
    )
    Submission.objects.create(
        enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete"
    )
    return enrollment


@pytest.fixture
def learning_targets():
    return Activity.objects.get(key="lbg-m02-learning-targets")


@pytest.fixture
def target_set(participant):
    target_set = services.create_target_set(participant, course_name="Grade 5 math", grade_band="3-5")
    group = services.add_group(target_set, kind="standard", code="5.NF.A.1", text="Add and subtract fractions")
    services.add_target(group, text="I can add fractions with unlike denominators")
    services.add_target(group, text="Students will understand fractions")
    return target_set
