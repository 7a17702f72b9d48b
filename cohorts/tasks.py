"""Celery tasks: thin, idempotent callers of the email and access services."""

from celery import shared_task
from django.utils import timezone

from . import documents
from .models import Enrollment, Notification, Payment
from .notifications import send_once
from .selectors import enrollments_awaiting_access


def _enrollment(enrollment_id):
    return Enrollment.objects.select_related("cohort", "cohort__program", "user").get(pk=enrollment_id)


@shared_task
def send_registration_confirmation(enrollment_id):
    enrollment = _enrollment(enrollment_id)
    waitlisted = enrollment.status == Enrollment.Status.WAITLISTED
    subject = (
        f"You are on the waitlist for {enrollment.cohort.name}"
        if waitlisted
        else f"Registration confirmed: {enrollment.cohort.program.title}, {enrollment.cohort.name}"
    )
    return send_once(enrollment, Notification.Kind.REGISTRATION_CONFIRMATION, subject, "registration_confirmation")


@shared_task
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


@shared_task
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


@shared_task
def send_waitlist_promotion(enrollment_id):
    enrollment = _enrollment(enrollment_id)
    return send_once(
        enrollment,
        Notification.Kind.WAITLIST_PROMOTION,
        f"A place opened for you in {enrollment.cohort.name}",
        "waitlist_promotion",
    )


@shared_task
def send_access_information(enrollment_id):
    enrollment = _enrollment(enrollment_id)
    return send_once(
        enrollment,
        Notification.Kind.ACCESS_OPEN,
        f"Welcome: {enrollment.cohort.program.title} is open to you",
        "access_open",
    )


@shared_task
def release_course_access():
    """Periodic (Celery beat): welcome everyone whose course access has opened."""
    ids = enrollments_awaiting_access(timezone.now())
    for enrollment_id in ids:
        send_access_information.delay(enrollment_id)
    return len(ids)


@shared_task
def send_feedback_notice(review_id):
    """Tell the participant their submission was reviewed. Once per review."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.db import IntegrityError, transaction
    from django.template.loader import render_to_string
    from django.urls import reverse

    from .models import FeedbackNotice, Review

    review = Review.objects.select_related(
        "revision__submission__enrollment__user", "revision__submission__enrollment__cohort__program",
        "revision__submission__activity",
    ).get(pk=review_id)
    submission = review.revision.submission
    enrollment = submission.enrollment
    with transaction.atomic():
        try:
            with transaction.atomic():
                FeedbackNotice.objects.create(review=review)
        except IntegrityError:
            return False
        url = settings.SITE_URL.rstrip("/") + reverse("cohorts:activity", args=[enrollment.pk, submission.activity.key])
        EmailMessage(
            subject=f"[{settings.SITE_NAME}] Feedback on {submission.activity.title}: {review.get_rating_display().lower()}",
            body=render_to_string("cohorts/email/feedback.txt", {"review": review, "submission": submission,
                                                                 "enrollment": enrollment, "url": url,
                                                                 "site_name": settings.SITE_NAME}),
            to=[enrollment.user.email],
        ).send()
    return True
