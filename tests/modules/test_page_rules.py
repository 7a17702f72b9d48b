"""Which page may be created under which: an editor cannot put a module under the home page,
a workshop under a course, or a second home page anywhere."""

import pytest
from wagtail.models import Page

from modules.models import (
    CoursePage,
    HomePage,
    ModulePage,
    NextStepsPage,
    OnlineLearningPage,
    WorkshopPage,
    WorkshopSeriesPage,
)

pytestmark = pytest.mark.django_db

ALL_TYPES = {HomePage, CoursePage, ModulePage, WorkshopSeriesPage, WorkshopPage, OnlineLearningPage, NextStepsPage}

# page type: the types that may be created under it
RULES = {
    HomePage: {CoursePage, WorkshopSeriesPage},
    CoursePage: {ModulePage, NextStepsPage},
    ModulePage: set(),
    WorkshopSeriesPage: {WorkshopPage, OnlineLearningPage, NextStepsPage},
    WorkshopPage: set(),
    OnlineLearningPage: set(),
    NextStepsPage: set(),
}


@pytest.mark.parametrize("parent_type", list(RULES), ids=lambda t: t.__name__)
def test_allowed_subpages(parent_type):
    assert set(parent_type.allowed_subpage_models()) == RULES[parent_type]
    parent = parent_type.objects.first()
    assert parent is not None, f"the loaded content has no {parent_type.__name__}"
    for child_type in ALL_TYPES:
        # One Implementation and next steps page per program, and the loaded content has it.
        expected = child_type in RULES[parent_type] and child_type not in (HomePage, NextStepsPage)
        assert child_type.can_create_at(parent) == expected, (parent_type.__name__, child_type.__name__)


def test_one_home_page_only():
    root = Page.get_first_root_node()
    assert HomePage.objects.count() == 1
    assert not HomePage.can_create_at(root)


def test_each_type_has_exactly_the_parents_the_rules_give():
    for child_type in ALL_TYPES - {HomePage}:
        parents = {parent for parent, children in RULES.items() if child_type in children}
        assert set(child_type.allowed_parent_page_models()) == parents, child_type.__name__


def test_the_admin_offers_only_allowed_types_under_a_course(client, program_admin):
    course = CoursePage.objects.get()
    client.force_login(program_admin)
    # One allowed type: "Add child page" goes straight to the module form.
    response = client.get(f"/admin/pages/{course.pk}/add_subpage/")
    assert response["Location"] == f"/admin/pages/add/modules/modulepage/{course.pk}/"
    assert client.get(response["Location"]).status_code == 200
    # A workshop's form under a course is refused (sent back to the dashboard).
    response = client.get(f"/admin/pages/add/modules/workshoppage/{course.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_one_implementation_and_next_steps_page_per_program():
    for program in (CoursePage.objects.get(), WorkshopSeriesPage.objects.get()):
        assert NextStepsPage.objects.child_of(program).count() == 1
        assert not NextStepsPage.can_create_at(program)
