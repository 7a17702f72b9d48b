"""A change to a running course is seen by a second editor before participants see it: the
course pages go through "Course change review", which the author cannot approve."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Page

from content.loader import REVIEW_WORKFLOW, load_content
from modules.models import ModulePage, SecondEditorApprovalTask
from tests import factories

pytestmark = pytest.mark.django_db


def submit_change(page, author, title):
    page.title = title
    revision = page.save_revision(user=author)
    workflow = page.get_workflow()
    workflow.start(page, author)
    return revision


def approve_url(page, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def test_every_course_page_is_under_the_review_workflow():
    for page in Page.objects.type(ModulePage):
        assert page.get_workflow().name == REVIEW_WORKFLOW
    task = SecondEditorApprovalTask.objects.get()
    assert [g.name for g in task.groups.all()] == ["Admin"]


def test_the_author_cannot_approve_their_own_change(client):
    author = factories.program_admin()
    page = ModulePage.objects.get(number=3)
    live_title = page.title
    submit_change(page, author, "Designing Your Grading Architecture (revised)")
    page.refresh_from_db()
    task_state = page.current_workflow_task_state

    assert task_state.task.specific.get_actions(page, author) == []
    client.force_login(author)
    refused = client.post(approve_url(page, task_state), {"comment": ""})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # sent away, nothing done
    page.refresh_from_db()
    assert page.current_workflow_state is not None  # still in review
    assert Page.objects.get(pk=page.pk).specific.title == live_title
    assert client.get(page.url).context["page"].title == live_title  # participants see the live page
    with pytest.raises(PermissionDenied):  # nor through the task itself
        task_state.task.specific.on_action(task_state, author, "approve")


def test_a_second_editor_approves_and_the_change_goes_live(client):
    author, reviewer = factories.program_admin(), factories.program_admin()
    page = ModulePage.objects.get(number=3)
    submit_change(page, author, "Designing Your Grading Architecture (revised)")
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert [name for name, _, _ in task_state.task.specific.get_actions(page, reviewer)] == [
        "reject",
        "approve",
        "approve",
    ]

    client.force_login(reviewer)
    response = client.post(approve_url(page, task_state), {"comment": ""})

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state is None
    assert page.title == "Designing Your Grading Architecture (revised)"
    assert page.live_revision.user == author


def test_the_workflow_is_set_up_once_and_an_offices_choice_is_kept():
    from wagtail.models import Workflow, WorkflowPage

    WorkflowPage.objects.all().delete()  # the office turned the review off
    load_content()
    assert Workflow.objects.filter(name=REVIEW_WORKFLOW).count() == 1
    assert not WorkflowPage.objects.filter(workflow__name=REVIEW_WORKFLOW).exists()
