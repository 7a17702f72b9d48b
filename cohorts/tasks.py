"""Celery tasks: thin, idempotent callers of the email and access services."""

from celery import shared_task
from django.utils import timezone

from . import documents
from .models import Enrollment, FeedbackNotice, Notification, Payment, Review, Revision, SubmissionReceipt
from .notifications import activity_url, participant_email, send_guarded, send_once
from .selectors import enrollments_awaiting_access


def _enrollment(enrollment_id):
    return Enrollment.objects.select_related("cohort", "cohort__program", "user").get(pk=enrollment_id)


@shared_task(name="cohorts.tasks.send_registration_confirmation")
def send_registration_confirmation(enrollment_id):
    enrollment = _enrollment(enrollment_id)
    waitlisted = enrollment.status == Enrollment.Status.WAITLISTED
    subject = (
        f"You are on the waitlist for {enrollment.cohort.name}"
        if waitlisted
        else f"Registration confirmed: {enrollment.cohort.program.title}, {enrollment.cohort.name}"
    )
    return send_once(enrollment, Notification.Kind.REGISTRATION_CONFIRMATION, subject, "registration_confirmation")


@shared_task(name="cohorts.tasks.send_invoice")
def send_invoice(enrollment_id):
    enrollment = _enrollment(enrollment_id)
    number = documents.invoice_number(enrollment)
    return send_once(
        enrollment,
        Notification.Kind.INVOICE,
        f"Invoice {number} for {enrollment.cohort.program.title}",
        "invoice",
        {"number": number},
        attachments=[(f"{number}.pdf", documents.invoice_pdf(enrollment), "application/pdf")],
    )


@shared_task(name="cohorts.tasks.send_receipt")
def send_receipt(payment_id):
    payment = Payment.objects.select_related("enrollment").get(pk=payment_id)
    enrollment = _enrollment(payment.enrollment_id)
    return send_once(
        enrollment,
        Notification.Kind.RECEIPT,
        f"Receipt for {enrollment.cohort.program.title}, {enrollment.cohort.name}",
        "receipt",
        {"payment": payment},
        attachments=[(f"receipt-{payment.pk}.pdf", documents.receipt_pdf(payment), "application/pdf")],
    )


@shared_task(name="cohorts.tasks.send_waitlist_promotion")
def send_waitlist_promotion(enrollment_id):
    enrollment = _enrollment(enrollment_id)
    return send_once(
        enrollment,
        Notification.Kind.WAITLIST_PROMOTION,
        f"A place opened for you in {enrollment.cohort.name}",
        "waitlist_promotion",
    )


@shared_task(name="cohorts.tasks.send_access_information")
def send_access_information(enrollment_id):
    enrollment = _enrollment(enrollment_id)
    return send_once(
        enrollment,
        Notification.Kind.ACCESS_OPEN,
        f"Welcome: {enrollment.cohort.program.title} is open to you",
        "access_open",
    )


@shared_task(name="cohorts.tasks.release_course_access")
def release_course_access():
    """Periodic (Celery beat): welcome everyone whose course access has opened."""
    ids = enrollments_awaiting_access(timezone.now())
    for enrollment_id in ids:
        send_access_information.delay(enrollment_id)
    return len(ids)


def _email_about_submission(submission, guard_model, subject, template, context, **guard):
    enrollment = submission.enrollment
    return send_guarded(
        guard_model,
        lambda: participant_email(
            enrollment,
            subject,
            template,
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
