"""Progress back to the LMS gradebook (Assignment and Grade Services): the tool gets a bearer token
with a client assertion the local platform checks against the tool's keys, and posts scores to the
line item the LMS made for the link."""

import pytest
from pylti1p3.exception import LtiServiceException

from cohorts.coursework import services as coursework
from cohorts.coursework.models import Review, Submission
from cohorts.lti import grades
from cohorts.lti.claims import custom_for
from cohorts.lti.models import Placement, ScoreSent
from modules.models import Activity
from pd_platform import outbox
from pd_platform.models import QueuedTask
from tests.coursework.test_coursework import complete_welcome

from .platform import connect

pytestmark = pytest.mark.django_db
SUBMITTED = ("assignment", "reflection")


@pytest.fixture
def linked(client, platform, cohort, module, enrolled, django_capture_on_commit_callbacks):
    """The participant, past the Welcome module, launched the module's link once (its gradebook column reads 0 of N)."""
    with django_capture_on_commit_callbacks(execute=True):
        complete_welcome(enrolled)
        connect(client, platform, enrolled.user, "canvas-7", custom=custom_for(cohort.pk, module.pk))
    return Placement.objects.get()


def complete(enrollment, activity, facilitator):
    revision = coursework.submit_revision(enrollment, activity, "<p>My learning targets</p>")
    coursework.review_submission(revision.submission, facilitator, Review.Rating.COMPLETE, "Clear and measurable.")


def test_each_activity_rated_complete_moves_the_lms_gradebook(
    linked, platform, module, enrolled, facilitator, django_capture_on_commit_callbacks
):
    required = list(Activity.objects.filter(page=module, required=True, kind__in=SUBMITTED))
    assert len(required) >= 2

    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolled, required[0], facilitator)

    first, latest = platform.scores[0][1], platform.scores[-1][1]
    assert first["scoreGiven"] == 0
    assert (latest["scoreGiven"], latest["scoreMaximum"]) == (1, len(required))
    assert (latest["activityProgress"], latest["gradingProgress"]) == ("InProgress", "Pending")
    assert latest["userId"] == "canvas-7"
    assert platform.token_requests >= 1  # the client assertion passed the platform's check

    with django_capture_on_commit_callbacks(execute=True):
        for activity in required[1:]:
            complete(enrolled, activity, facilitator)

    final = platform.scores[-1][1]
    assert (final["scoreGiven"], final["activityProgress"], final["gradingProgress"]) == (
        len(required),
        "Completed",
        "FullyGraded",
    )
    sent = ScoreSent.objects.get()
    assert sent.score_given == len(required)


def test_unchanged_progress_is_not_sent_again(linked, platform, enrolled):
    before = len(platform.scores)

    assert grades.send_progress(linked.pk, enrolled.user_id) is None
    assert len(platform.scores) == before


def test_an_lms_that_is_down_does_not_hold_up_the_review_and_gets_the_score_later(
    linked, platform, module, enrolled, facilitator, django_capture_on_commit_callbacks
):
    activity = Activity.objects.filter(page=module, required=True, kind__in=SUBMITTED).first()
    platform.down = True
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolled, activity, facilitator)

    assert Submission.objects.get(enrollment=enrolled, activity=activity).status == Submission.Status.COMPLETE
    owed = list(QueuedTask.objects.filter(name=grades.SEND_TASK, dispatched_at__isnull=True))
    assert owed and all(task.args == [linked.pk, enrolled.user_id] for task in owed)  # submitted, then complete
    assert all("503" in task.last_error for task in owed)

    platform.down = False
    assert outbox.dispatch_pending(grace=0) == (len(owed), 0)
    assert platform.scores[-1][1]["scoreGiven"] == 1
    assert len(platform.scores) == 2  # the first launch's 0, then 1: the second owed send found nothing new


def test_a_tool_key_the_lms_does_not_know_gets_no_token(linked, platform, enrolled, module, facilitator):
    platform.tool_jwks = {"keys": []}
    complete(enrolled, Activity.objects.filter(page=module, required=True, kind__in=SUBMITTED).first(), facilitator)

    with pytest.raises(LtiServiceException, match="invalid_client"):
        grades.send_progress(linked.pk, enrolled.user_id)
    assert not ScoreSent.objects.filter(score_given=1).exists()
