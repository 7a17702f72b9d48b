"""Emails about an enrollment, each sent at most once (a database constraint sees to it)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Notification
from .selectors import listing_for


def send_guarded(guard_model, message, **guard):
    """Send ``message`` unless the row ``guard_model(**guard)`` exists. Returns whether it was sent.

    The guard row and the sending share a transaction: if sending fails, the row is rolled
    back and a retry sends it; if two workers race, the second waits on the unique row and
    then skips. Tasks may therefore run twice and still send once.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                guard_model.objects.create(**guard)
        except IntegrityError:
            return False
        message().send()
    return True


def participant_email(enrollment, subject, template_name, context, to=None, cc=()):
    """An email to the participant of ``enrollment`` (or to ``to``, such as the approver of their
    registration); ``template_name`` is a text template."""
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(template_name, {"site_name": settings.SITE_NAME, **context}),
        to=to or [enrollment.user.email],
        cc=list(cc),
    )


def send_once(enrollment, kind, subject, template, extra=None, attachments=(), to=None, cc=()):
    """Send the email about this enrollment unless one of this kind went out already."""

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

    return send_guarded(Notification, message, enrollment=enrollment, kind=kind)
