"""Celery tasks for coursework e-mails: thin, idempotent, each sent at most once.

Their names were given when this code lived in ``cohorts.tasks``; names are data (queued
outbox rows), so they are pinned and kept."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from cohorts.registration.notifications import participant_email, send_guarded

from .models import FeedbackNotice, Review, Revision, SubmissionReceipt


def activity_url(enrollment, activity):
    return settings.SITE_URL.rstrip("/") + reverse("coursework:activity", args=[enrollment.pk, activity.key])


def _email_about_submission(submission, guard_model, subject, template, context, **guard):
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
                "url": activity_url(enrollment, submission.activity),
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
        "reviewer",
    ).get(pk=review_id)
    submission = review.revision.submission
    return _email_about_submission(
        submission,
        FeedbackNotice,
        f"Feedback on {submission.activity.title}: {review.get_rating_display().lower()}",
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
    ).get(pk=revision_id)
    submission = revision.submission
    return _email_about_submission(
        submission,
        SubmissionReceipt,
        f"Received: {submission.activity.title}, revision {revision.number}",
        "submission_receipt",
        {"revision": revision},
        revision=revision,
    )
