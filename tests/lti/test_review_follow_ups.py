"""What follows a review never fails it and is never lost: the facilitator who rates a participant's
last missing piece complete gets the saved review, whichever follow-up fails (the hours ledger, the
LMS gradebook, the certificate); the other two happen at once, and the failed one when the outbox
sweep runs it again; each exactly once, however often the sweep runs."""

import pytest

from certificates.models import Certificate
from cohorts.coursework import services as coursework
from cohorts.coursework.models import Review, Revision, Submission
from cohorts.coursework.selectors import program_activities
from cohorts.hours.models import HoursEntry
from cohorts.lti.claims import custom_for
from modules.models import Activity
from pd_platform import outbox
from pd_platform.models import QueuedTask
from tests.coursework.test_coursework import complete_welcome

from .platform import connect

pytestmark = pytest.mark.django_db


def ledger_fails(*args):
    raise RuntimeError("the ledger's disk is full")


FOLLOW_UPS = {
    "hours": ("cohorts.hours.services.credit_online_learning_after", "hours.keep_online_hours_in_step"),
    "lms": ("cohorts.lti.grades.owe_progress_after", "lti.progress_changed"),
    "certificate": ("certificates.services.award_after_status_change", "certificates.award_when_complete"),
}


@pytest.fixture
def one_review_from_a_certificate(
    client, platform, cohort, module, enrolled, facilitator, django_capture_on_commit_callbacks
):
    """The participant launched module 2's LMS link, has 11 of the course's 13 required activities
    complete, and waits for feedback on a module-2 assignment (the 12th: the course's 85%)."""
    with django_capture_on_commit_callbacks(execute=True):
        complete_welcome(enrolled)
        connect(client, platform, enrolled.user, "canvas-7", custom=custom_for(cohort.pk, module.pk))
    last = Activity.objects.filter(page=module, required=True, kind="assignment").first()
    others = [a for a in program_activities(cohort.program_id) if a.key not in ("lbg-m00-introductions", last.key)]
    for activity in others[:10]:
        submission = Submission.objects.create(enrollment=enrolled, activity=activity, status="complete")
        revision = Revision.objects.create(submission=submission, number=1, source="work", body="<p>work</p>")
        Review.objects.create(revision=revision, reviewer=facilitator, rating="complete", feedback="<p>ok</p>")
    with django_capture_on_commit_callbacks(execute=True):
        revision = coursework.submit_revision(enrolled, last, "- I can explain why grades reflect learning.")
    client.logout()
    return revision.submission


def module_score(module, enrolled):
    required = Activity.objects.filter(page=module, required=True).values("pk")
    return Submission.objects.filter(enrollment=enrolled, activity__in=required, status="complete").count()


@pytest.mark.parametrize("failing", list(FOLLOW_UPS))
def test_a_failing_follow_up_neither_fails_the_review_nor_stops_the_others_and_runs_once_later(
    failing,
    one_review_from_a_certificate,
    client,
    platform,
    module,
    enrolled,
    facilitator,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    submission = one_review_from_a_certificate
    function, task_name = FOLLOW_UPS[failing]
    monkeypatch.setattr(function, ledger_fails)

    client.force_login(facilitator)
    form = {"rating": "complete", "feedback": "Clear, measurable targets."}
    form.update({f"criterion_{i}": "meets" for i in range(5)})  # the assignment's single-point rubric
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cohorts/review/{submission.pk}/", form)

    assert response.status_code == 302, response.content.decode()[:500]  # the facilitator sees no error
    submission.refresh_from_db()
    assert submission.status == "complete" and submission.revisions.get().reviews.get().rating == "complete"
    failed = QueuedTask.objects.get(name=task_name, dispatched_at__isnull=True)
    assert "disk is full" in failed.last_error
    score = module_score(module, enrolled)
    given = [s["scoreGiven"] for _, s in platform.scores]
    if failing != "certificate":
        assert Certificate.objects.filter(enrollment=enrolled).count() == 1
        assert HoursEntry.objects.filter(enrollment=enrolled, source=HoursEntry.Source.COURSE).count() == 1
    else:
        assert not Certificate.objects.filter(enrollment=enrolled).exists()
    if failing != "lms":
        assert given.count(score) == 1
    else:
        assert score not in given

    monkeypatch.undo()  # the fault is mended; the outbox sweep (Celery beat) runs, twice
    with django_capture_on_commit_callbacks(execute=True):
        outbox.dispatch_pending(grace=0)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.dispatch_pending(grace=0)
    QueuedTask.objects.filter(name=task_name).update(dispatched_at=None)  # and hands the follow-up over again
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.dispatch_pending(grace=0)[1] == 0

    assert not QueuedTask.objects.filter(dispatched_at__isnull=True).exists()
    assert Certificate.objects.filter(enrollment=enrolled).count() == 1
    course_hours = HoursEntry.objects.get(enrollment=enrolled, source=HoursEntry.Source.COURSE)
    assert course_hours.hours == Certificate.objects.get(enrollment=enrolled).hours > 0
    given = [s["scoreGiven"] for _, s in platform.scores]
    assert given.count(score) == 1 and given[-1] == score
