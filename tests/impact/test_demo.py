"""The demo carries a filled-in impact report: Cohort 02's five levels show their figures."""

import io

import pytest
from django.core.management import call_command

from cohorts.impact import selectors
from cohorts.impact.models import StudentOutcome
from cohorts.registration.models import Cohort, District

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_filled_in_impact_report():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent: nothing doubled
    assert StudentOutcome.objects.count() == 3

    cohort = Cohort.objects.get(name="Cohort 02", program__slug="learning-based-grading")
    levels = selectors.impact_report(selectors.cohort_scope(cohort))
    figures = {figure.label: figure for level in levels for figure in level.figures}
    assert figures["Answered the end-of-course evaluation"].value == "7 of 8 people (88%)"
    assert figures["People with every piece of their evidence rated complete"].value == "7 of 8 people (88%)"
    versions = dict(figures["Versions it took to be rated complete"].parts)
    assert versions["2 versions"] > 0 and versions["3 versions"] == 0
    assert figures["Places their district was asked to approve"].value.startswith("8 approved")
    assert figures["Answered the 30-day check-in"].value == "6 of 7 people 30 days or more past their certificate (86%)"
    assert figures["Answered the 60-day check-in"].value == "4 of 7 people 60 days or more past their certificate (57%)"
    assert figures["Answered the 90-day check-in"].withheld  # nobody's 90th day has come
    assert figures["Follow-up assignments rated complete"].value == "5 of 6 follow-up assignments (83%)"
    assert not figures["Grade 8 students meeting the math standard (%) (2025-26), Riverside Unified"].withheld

    district = selectors.impact_for_district(District.objects.get(name="Riverside Unified"))
    assert len(district[4].figures) == 3
