"""Follow-up assignments: a facilitator gives one to a participant or a group; it goes through
the same submit, feedback, revise loop, and changes the completion rule only when it says so."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from certificates.models import Certificate
from cohorts.coursework import follow_ups
from cohorts.coursework import services as coursework
from cohorts.coursework.models import FollowUp, Submission
from cohorts.coursework.selectors import enrollment_progress, program_activities
from modules.models import Activity
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def give(by, cohort, enrollments, **kwargs):
    kwargs.setdefault("title", "Bring your revised gradebook")
    kwargs.setdefault("prompt_source", "After the first grading period, bring the gradebook and **two** questions.")
    return follow_ups.do_assign_follow_up(by, cohort, [e.pk for e in enrollments], **kwargs)


def test_a_facilitator_gives_a_group_a_follow_up_from_the_form_and_each_is_told_once(
    client, cohort, enrollment, course_facilitator, mailoutbox, django_capture_on_commit_callbacks
):
    second = EnrollmentFactory(cohort=cohort)
    not_chosen = EnrollmentFactory(cohort=cohort)
    client.force_login(course_facilitator)
    form = client.get(f"/cohorts/{cohort.pk}/follow-ups/new/?to={enrollment.pk}").content.decode()
    assert f'value="{enrollment.pk}" id="id_recipients_0" checked' in form or "checked" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cohorts/{cohort.pk}/follow-ups/new/",
            {
                "recipients": [enrollment.pk, second.pk],
                "title": "Bring your revised gradebook",
                "prompt": "After the first grading period, bring it.",
                "due_on": (date.today() + timedelta(days=30)).isoformat(),
            },
        )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert sorted(follow_up.submissions.values_list("enrollment_id", flat=True)) == sorted([enrollment.pk, second.pk])
    assert sorted(m.to[0] for m in mailoutbox) == sorted([enrollment.user.email, second.user.email])
    assert not_chosen.user.email not in [m.to[0] for m in mailoutbox]
    assert "Bring your revised gradebook" in mailoutbox[0].subject
    listing = client.get(f"/cohorts/{cohort.pk}/follow-ups/").content.decode()
    assert "Bring your revised gradebook" in listing


def test_the_follow_up_goes_through_feedback_and_revision_until_complete(
    client, cohort, enrollment, course_facilitator, mailoutbox, django_capture_on_commit_callbacks
):
    follow_up = give(course_facilitator, cohort, [enrollment])
    url = f"/cohorts/enrollments/{enrollment.pk}/follow-ups/{follow_up.pk}/"
    client.force_login(enrollment.user)
    home = client.get("/dashboard/").content.decode()
    assert "Bring your revised gradebook" in home and url in home
    page = client.get(url).content.decode()
    assert "<strong>two</strong>" in page and "does not change your course" in page

    client.post(url, {"source": "Here is my gradebook after period one."})
    submission = Submission.objects.get(follow_up=follow_up)
    assert submission.status == "submitted"

    client.force_login(course_facilitator)
    queue = client.get("/cohorts/review/").content.decode()
    assert "Bring your revised gradebook" in queue and "Follow-up assignment" in queue
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/cohorts/review/{submission.pk}/", {"rating": "needs_revision", "feedback": "Add the retake column."}
        )
    assert "Feedback on Bring your revised gradebook" in mailoutbox[-1].subject
    assert url in mailoutbox[-1].body

    client.force_login(enrollment.user)
    assert "Add the retake column." in client.get(url).content.decode()
    client.post(url, {"source": "Here it is, with the retake column."})
    coursework.review_submission(Submission.objects.get(pk=submission.pk), course_facilitator, "complete", "Yes.")
    submission.refresh_from_db()
    assert submission.status == "complete" and submission.revisions.count() == 2
    progress = client.get(f"/cohorts/enrollments/{enrollment.pk}/progress/").content.decode()
    assert "Bring your revised gradebook" in progress


def test_a_follow_up_leaves_the_completion_rule_alone_unless_the_facilitator_says_so(
    cohort, enrollment, course_facilitator
):
    required = len(program_activities(cohort.program_id))
    give(course_facilitator, cohort, [enrollment])
    assert enrollment_progress(enrollment).required == required
    give(course_facilitator, cohort, [enrollment], title="Counted one", counts_toward_completion=True)
    assert enrollment_progress(enrollment).required == required + 1


def test_a_counted_follow_up_holds_the_certificate_until_it_is_complete(
    cohort, enrollment, course_facilitator, django_capture_on_commit_callbacks
):
    follow_up = give(course_facilitator, cohort, [enrollment], counts_toward_completion=True)
    activities = program_activities(cohort.program_id)
    # Everything complete but one activity and the follow-up: exactly at the rule without the follow-up.
    for activity in activities:
        Submission.objects.create(enrollment=enrollment, activity=activity, status="complete")
    progress = enrollment_progress(enrollment)
    assert progress.required == len(activities) + 1 and progress.complete == len(activities)
    with django_capture_on_commit_callbacks(execute=True):
        follow_ups.do_submit_follow_up(Submission.objects.get(follow_up=follow_up), "My gradebook.")
        coursework.review_submission(Submission.objects.get(follow_up=follow_up), course_facilitator, "complete", "Yes")
    assert enrollment_progress(enrollment).complete == len(activities) + 1
    assert Certificate.objects.filter(enrollment=enrollment).exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": " "}, "Give the assignment a title."),
        ({"prompt_source": ""}, "Write what you are asking for"),
        ({"due_on": date.today() - timedelta(days=1)}, "The due date has passed"),
    ],
)
def test_a_follow_up_with_bad_input_is_refused_with_the_reason(cohort, enrollment, course_facilitator, change, message):
    with pytest.raises(coursework.CourseworkError, match=message):
        give(course_facilitator, cohort, [enrollment], **change)
    assert not FollowUp.objects.exists()


def test_a_follow_up_is_only_for_the_cohorts_participants_and_only_from_its_facilitators(
    cohort, enrollment, course_facilitator
):
    elsewhere = EnrollmentFactory(cohort=CohortFactory(start_date=date.today()))
    with pytest.raises(coursework.CourseworkError, match="registered in this cohort"):
        give(course_facilitator, cohort, [enrollment, elsewhere])
    cancelled = EnrollmentFactory(cohort=cohort, status="cancelled")
    with pytest.raises(coursework.CourseworkError, match="registered in this cohort"):
        give(course_facilitator, cohort, [cancelled])
    with pytest.raises(coursework.CourseworkError, match="facilitators and admins"):
        give(factories.facilitator(), cohort, [enrollment])
    with pytest.raises(coursework.CourseworkError, match="facilitators and admins"):
        give(enrollment.user, cohort, [enrollment])
    assert not FollowUp.objects.exists()


def test_the_form_says_what_is_wrong_and_keeps_what_was_typed(client, cohort, enrollment, course_facilitator):
    client.force_login(course_facilitator)
    response = client.post(
        f"/cohorts/{cohort.pk}/follow-ups/new/",
        {"title": "Bring your plan", "prompt": "Your plan after week 3.", "recipients": []},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose who gets it" in html and "Your plan after week 3." in html
    assert not FollowUp.objects.exists()


def test_another_participant_cannot_open_or_submit_someone_elses_follow_up(
    client, cohort, enrollment, course_facilitator
):
    follow_up = give(course_facilitator, cohort, [enrollment])
    other = EnrollmentFactory(cohort=cohort)
    client.force_login(other.user)
    url = f"/cohorts/enrollments/{enrollment.pk}/follow-ups/{follow_up.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"source": "mine now"}).status_code == 404
    # Not given to them: their own enrollment with the same follow-up is not found either.
    assert client.get(f"/cohorts/enrollments/{other.pk}/follow-ups/{follow_up.pk}/").status_code == 404
    assert not Submission.objects.get(follow_up=follow_up).revisions.exists()


def test_a_review_leads_to_a_follow_up_built_on_that_work(client, cohort, enrollment, course_facilitator):
    activity = Activity.objects.get(key="lbg-m02-learning-targets")
    submission = Submission.objects.create(enrollment=enrollment, activity=activity, status="complete")
    client.force_login(course_facilitator)
    review = client.get(f"/cohorts/review/{submission.pk}/").content.decode()
    link = f"/cohorts/{cohort.pk}/follow-ups/new/?to={enrollment.pk}&amp;based_on={submission.pk}"
    assert link in review
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f"Follow-up: {activity.title}" in form
    client.post(
        f"/cohorts/{cohort.pk}/follow-ups/new/",
        {
            "recipients": [enrollment.pk],
            "title": "Targets, round two",
            "prompt": "Use them.",
            "based_on": submission.pk,
        },
    )
    assert FollowUp.objects.get().based_on == submission


def test_a_submission_belongs_to_an_activity_or_a_follow_up_never_both(cohort, enrollment, course_facilitator):
    follow_up = give(course_facilitator, cohort, [enrollment])
    activity = Activity.objects.get(key="lbg-m02-learning-targets")
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(enrollment=enrollment, activity=activity, follow_up=follow_up)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(enrollment=enrollment)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(enrollment=enrollment, follow_up=follow_up)


def test_the_follow_ups_page_costs_the_same_however_many_there_are(
    client, cohort, enrollment, course_facilitator, django_assert_num_queries
):
    client.force_login(course_facilitator)
    url = f"/cohorts/{cohort.pk}/follow-ups/"
    client.get(url)
    for count in (1, 5):
        for i in range(count):
            give(course_facilitator, cohort, [enrollment, EnrollmentFactory(cohort=cohort)], title=f"Task {count}-{i}")
        with django_assert_num_queries(FOLLOW_UPS_PAGE_QUERIES):
            assert client.get(url).status_code == 200


FOLLOW_UPS_PAGE_QUERIES = (
    4  # session, the user with their roles, the cohort, the follow-ups with their counts, the navigation
)
