"""Progress back to the LMS gradebook through LTI Assignment and Grade Services (pylti1p3).

The score is always the person's progress now (complete required activities of what the link
opens), so sending it again is harmless and a late or repeated task cannot set the gradebook back
to an older state; a send happens only when the score changed since the last one.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from lti_tool.models import LtiUser
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from cohorts.coursework.models import Submission
from cohorts.registration.selectors import live_enrollment
from pd_platform import outbox

from . import claims, selectors
from .models import Placement, ScoreSent

SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
SEND_TASK = "lti.send_progress"
PROGRESS_FOLLOW_UP = "lti.progress_changed"


def owe_progress(placement_id, user_id):
    """Queue a send (in the caller's transaction; the outbox hands it over after commit)."""
    outbox.enqueue(SEND_TASK, placement_id, user_id)


def owe_progress_after(submission_id):
    """The LMS's follow-up of a submission's status change (``pd_platform.follow_ups``): one send owed
    to each gradebook column the submission moves, each its own outbox task (one LMS down holds up no
    other). Returns how many were owed."""
    submission = Submission.objects.filter(pk=submission_id).only("pk", "enrollment_id", "activity_id").first()
    if submission is None:
        return 0
    owed = selectors.placements_for(submission)
    with transaction.atomic():
        for placement_id, user_id in owed:
            owe_progress(placement_id, user_id)
    return len(owed)


def send_progress(placement_id, user_id, now=None):
    """Send one person's progress on one link to its LMS line item. Returns the score dict sent, or
    None when there is nothing to send (no line item, no LMS identity, no enrollment, unchanged).
    Raises pylti1p3's ``LtiServiceException`` or a ``requests`` error when the LMS refuses or is down."""
    placement = (
        Placement.objects.select_related("cohort", "resource_link__context__deployment__registration")
        .filter(pk=placement_id)
        .first()
    )
    if placement is None or not placement.lineitem_url:
        return None
    registration = placement.resource_link.context.deployment.registration
    lti_user = (
        LtiUser.objects.filter(registration=registration, auth_user_id=user_id).select_related("auth_user").first()
    )
    enrollment = live_enrollment(lti_user.auth_user, placement.cohort) if lti_user else None
    if enrollment is None:
        return None
    progress = selectors.progress_on(placement, enrollment)
    score = claims.score_of(progress.complete, progress.required)
    given, maximum = Decimal(str(score["scoreGiven"])), Decimal(str(score["scoreMaximum"]))
    last = ScoreSent.objects.filter(placement=placement, lti_user=lti_user).first()
    if last is not None and (last.score_given, last.score_maximum) == (given, maximum):
        return None
    now = now or timezone.now()
    grade = (
        Grade()
        .set_score_given(score["scoreGiven"])
        .set_score_maximum(score["scoreMaximum"])
        .set_activity_progress(score["activityProgress"])
        .set_grading_progress(score["gradingProgress"])
        .set_timestamp(now.isoformat(timespec="milliseconds"))
        .set_user_id(lti_user.sub)
    )
    service = AssignmentsGradesService(
        ServiceConnector(registration.to_registration()),
        {"scope": [SCORE_SCOPE], "lineitem": placement.lineitem_url},
    )
    service.put_grade(grade)
    with transaction.atomic():
        ScoreSent.objects.update_or_create(
            placement=placement,
            lti_user=lti_user,
            defaults={"score_given": given, "score_maximum": maximum, "sent_at": now},
        )
    return score
