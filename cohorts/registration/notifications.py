"""Emails about an enrollment, each sent at most once (a database constraint sees to it)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse

from modules.models import CoursePage, WorkshopSeriesPage
from pd_platform.send_once import send_once

from .selectors import listing_for


class Kind(models.TextChoices):
    """The e-mails about an enrollment, each sent once per enrollment (kept as ``registration.<kind>``)."""

    REGISTRATION_CONFIRMATION = "registration_confirmation", "Registration confirmation"
    INVOICE = "invoice", "Invoice"
    RECEIPT = "receipt", "Receipt"
    ACCESS_OPEN = "access_open", "Welcome and course access"
    WAITLIST_PROMOTION = "waitlist_promotion", "Waitlist promotion"
    APPROVAL_REQUEST = "approval_request", "Request for approval (to the approver)"
    APPROVAL_OUTCOME = "approval_outcome", "Approval decision"
    CHECKOUT_EXPIRED = "checkout_expired", "Checkout expired, place released"
    CANCELLATION = "cancellation", "Place cancelled"
    REFUND = "refund", "Payment refunded"


def sent_kind(kind):
    """The kind as the one guard (``pd_platform.SentEmail``) keeps it."""
    return f"registration.{kind}"


def enrollment_key(enrollment_id):
    return f"enrollment:{enrollment_id}"


def participant_email(enrollment, subject, template_name, context, to=None, cc=()):
    """An email to the participant of ``enrollment`` (or to ``to``, such as the approver of their
    registration); ``template_name`` is a text template."""
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(template_name, {"site_name": settings.SITE_NAME, **context}),
        to=to or [enrollment.user.email],
        cc=list(cc),
    )


def send_about_enrollment(enrollment, kind, subject, template, extra=None, attachments=(), to=None, cc=()):
    """Send the email about this enrollment unless one of this kind went out already. The guard is kept
    under the participant, whoever the e-mail goes to (an approver, a billing contact)."""

    def message():
        cohort = enrollment.cohort
        email = participant_email(
            enrollment,
            subject,
            f"cohorts/email/{template}.txt",
            {
                "enrollment": enrollment,
                "user": enrollment.user,
                "cohort": cohort,
                "program": cohort.program,
                "series": issubclass(cohort.program.specific_class or CoursePage, WorkshopSeriesPage),
                "listing": listing_for(cohort),
                "my_courses_url": settings.SITE_URL.rstrip("/") + reverse("cohorts:my_courses"),
                "program_url": settings.SITE_URL.rstrip("/") + (cohort.program.url or "/"),
                **(extra or {}),
            },
            to=to,
            cc=cc,
        )
        for filename, content, mimetype in attachments:
            email.attach(filename, content, mimetype)
        return email

    return send_once(message, enrollment.user, sent_kind(kind), enrollment_key(enrollment.pk))
