"""A grading plan submitted as the Module 06 "Communicating your grading system" assignment: the
facilitator sees the tasks and the rule, gives feedback per task, and sees what changed."""

import pytest

from cohorts.coursework import services as coursework
from cohorts.coursework.models import Submission
from cohorts.toolkit import submissions
from cohorts.toolkit.models import AttachedGradingPlan, ItemComment
from cohorts.toolkit.plans import services as plan_services
from modules.models import Activity
from tests import factories

KEY = "lbg-m06-communicating-your-grading-system"


@pytest.fixture
def plan(participant, target_set):
    plan = plan_services.create_plan(participant, course_name="Grade 5 math", scale="4321", mastery_level="3")
    target = target_set.groups.get().targets.first()
    plan_services.add_task(plan, title="Fractions exit ticket", targets=[target.pk])
    plan_services.add_task(plan, title="Number line project")
    return plan


@pytest.fixture
def grading_system():
    return Activity.objects.get(key=KEY)


def test_a_participant_submits_a_plan_and_the_facilitator_reviews_it_task_by_task(
    client, participant, enrollment, plan, course_facilitator
):
    client.force_login(participant)
    page = client.get(f"/toolkit/plans/{plan.pk}/").content.decode()
    assert f'value="{enrollment.pk}:{KEY}"' in page
    answer = client.post(f"/toolkit/plans/{plan.pk}/submit/", {"assignment": f"{enrollment.pk}:{KEY}", "note": "Draft"})
    assert answer.url == f"/cohorts/enrollments/{enrollment.pk}/activities/{KEY}/"
    submission = Submission.objects.get(enrollment=enrollment, activity__key=KEY)
    revision = submission.revisions.get()
    assert "Letter grade: A = 0 | B = 1 | C = 2 | F = 3 or more" in revision.source
    assert "- Fractions exit ticket (targets: I can add fractions with unlike denominators)" in revision.source
    copy = AttachedGradingPlan.objects.get(revision=revision)
    assert [t["title"] for t in copy.tasks] == ["Fractions exit ticket", "Number line project"]

    client.force_login(course_facilitator)
    review = client.get(f"/cohorts/review/{submission.pk}/").content.decode()
    assert "Grading plan: Grade 5 math" in review and "mastery is 3 or higher" in review
    key = copy.tasks[1]["key"]
    client.post(f"/toolkit/copies/plans/{copy.pk}/comment/", {"item": key, "text": "What does mastery look like here?"})
    assert ItemComment.objects.get().plan_copy == copy
    coursework.review_submission(submission, course_facilitator, "needs_revision", "See the task note.")

    client.force_login(participant)
    page = client.get(answer.url).content.decode()
    assert "What does mastery look like here?" in page
    plan_services.set_plan_rule(plan, bands_text="A 0\nB 2\nF")
    plan_services.update_task(plan.tasks.get(title="Number line project"), title="Number line performance task")
    client.post(f"/toolkit/plans/{plan.pk}/submit/", {"assignment": f"{enrollment.pk}:{KEY}"})
    client.force_login(course_facilitator)
    review = client.get(f"/cohorts/review/{submission.pk}/").content.decode()
    assert "What changed since revision 1" in review and "The grading rule changed." in review
    assert (  # the words changed inside the task's title
        '<strong>Renamed:</strong> <span class="changed-words">Number line <del aria-label="removed">project</del>'
        '<ins aria-label="added">performance task</ins></span>' in review
    )


def test_plans_go_only_to_the_grading_system_assignment_and_only_ones_own(
    participant, enrollment, plan, grading_system
):
    with pytest.raises(coursework.CourseworkError, match="grading-system assignment"):
        submissions.submit_grading_plan(enrollment, Activity.objects.get(key="lbg-m02-learning-targets"), plan)
    theirs = plan_services.create_plan(factories.participant(email="t@example.org"), course_name="T", scale="mip")
    with pytest.raises(coursework.CourseworkError, match="your own"):
        submissions.submit_grading_plan(enrollment, grading_system, theirs)
    empty = plan_services.create_plan(participant, course_name="Empty", scale="mip")
    with pytest.raises(coursework.CourseworkError, match="at least one mastery task"):
        submissions.submit_grading_plan(enrollment, grading_system, empty)


def test_only_the_cohorts_facilitators_comment_on_a_plan(client, participant, enrollment, plan, grading_system):
    revision = submissions.submit_grading_plan(enrollment, grading_system, plan)
    copy = AttachedGradingPlan.objects.get(revision=revision)
    for outsider in (participant, factories.facilitator(email="elsewhere@example.org")):
        client.force_login(outsider)
        answer = client.post(f"/toolkit/copies/plans/{copy.pk}/comment/", {"item": copy.tasks[0]["key"], "text": "x"})
        assert answer.status_code == 404
    assert client.post(f"/toolkit/copies/nothing/{copy.pk}/comment/", {"item": "k1", "text": "x"}).status_code == 404
    assert not ItemComment.objects.exists()


def test_a_comment_belongs_to_exactly_one_copy(db, participant, enrollment, plan, grading_system):
    from django.db import IntegrityError, transaction

    revision = submissions.submit_grading_plan(enrollment, grading_system, plan)
    copy = AttachedGradingPlan.objects.get(revision=revision)
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemComment.objects.create(item_key="k1", author=participant, text="x")
    ItemComment.objects.create(plan_copy=copy, item_key=copy.tasks[0]["key"], author=participant, text="ok")
