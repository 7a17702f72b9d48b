"""Celery tasks for coursework e-mails: thin, idempotent, each sent at most once.

Each is guarded by ``pd_platform.send_once``: once per review, revision or follow-up assignment."""

from celery import shared_task
from django.conf import settings

from cohorts.registration.notifications import participant_email
from pd_platform.send_once import send_once

from .models import Review, Revision, Submission


def _email_about_submission(submission, kind, object_key, subject, template, context):
    enrollment = submission.enrollment
    return send_once(
        lambda: participant_email(
            enrollment,
            subject,
            f"coursework/email/{template}.txt",
            {
                "submission": submission,
                "enrollment": enrollment,
                "url": settings.SITE_URL.rstrip("/") + submission.participant_url(),
                **context,
            },
        ),
        enrollment.user,
        kind,
        object_key,
    )


@shared_task(name="coursework.send_feedback_notice")
def send_feedback_notice(review_id):
    """Tell the participant their submission was reviewed. Once per review."""
    review = Review.objects.select_related(
        "revision__submission__enrollment__user",
        "revision__submission__enrollment__cohort__program",
        "revision__submission__activity",
        "revision__submission__follow_up",
        "reviewer",
    ).get(pk=review_id)
    submission = review.revision.submission
    return _email_about_submission(
        submission,
        "coursework.feedback",
        f"review:{review.pk}",
        f"Feedback on {submission.title}: {review.get_rating_display().lower()}",
        "feedback",
        {"review": review},
    )


@shared_task(name="coursework.send_submission_receipt")
def send_submission_receipt(revision_id):
    """Confirm to the participant that their work arrived and is waiting for feedback. Once per revision."""
    revision = Revision.objects.select_related(
        "submission__enrollment__user",
        "submission__enrollment__cohort__program",
        "submission__activity",
        "submission__follow_up",
    ).get(pk=revision_id)
    submission = revision.submission
    return _email_about_submission(
        submission,
        "coursework.submission_receipt",
        f"revision:{revision.pk}",
        f"Received: {submission.title}, revision {revision.number}",
        "submission_receipt",
        {"revision": revision},
    )


@shared_task(name="coursework.send_follow_up_notice")
def send_follow_up_notice(submission_id):
    """Tell the participant a facilitator gave them a follow-up assignment. Once per person and assignment."""
    submission = Submission.objects.select_related(
        "enrollment__user", "enrollment__cohort__program", "follow_up__created_by"
    ).get(pk=submission_id)
    return _email_about_submission(
        submission,
        "coursework.follow_up",
        f"submission:{submission.pk}",
        f"A follow-up assignment for you: {submission.title}",
        "follow_up",
        {"follow_up": submission.follow_up},
    )
