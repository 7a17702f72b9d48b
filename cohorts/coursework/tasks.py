"""Celery tasks for coursework e-mails: thin, idempotent, each sent at most once.

Their names were given when this code lived in ``cohorts.tasks``; names are data (queued
outbox rows), so they are pinned and kept."""

from celery import shared_task
from django.conf import settings

from cohorts.registration.notifications import participant_email, send_guarded

from .models import FeedbackNotice, FollowUpNotice, Review, Revision, Submission, SubmissionReceipt


def _email_about_submission(about, guard_model, subject, template, context, **guard):
    submission = about
    enrollment = submission.enrollment
    return send_guarded(
        guard_model,
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
        **guard,
    )


@shared_task(name="cohorts.tasks.send_feedback_notice")
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
        FeedbackNotice,
        f"Feedback on {submission.title}: {review.get_rating_display().lower()}",
        "feedback",
        {"review": review},
        review=review,
    )


@shared_task(name="cohorts.tasks.send_submission_receipt")
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
        SubmissionReceipt,
        f"Received: {submission.title}, revision {revision.number}",
        "submission_receipt",
        {"revision": revision},
        revision=revision,
    )


@shared_task(name="cohorts.tasks.send_follow_up_notice")
def send_follow_up_notice(submission_id):
    """Tell the participant a facilitator gave them a follow-up assignment. Once per person and assignment."""
    submission = Submission.objects.select_related(
        "enrollment__user", "enrollment__cohort__program", "follow_up__created_by"
    ).get(pk=submission_id)
    return _email_about_submission(
        submission,
        FollowUpNotice,
        f"A follow-up assignment for you: {submission.title}",
        "follow_up",
        {"follow_up": submission.follow_up},
        submission=submission,
    )
