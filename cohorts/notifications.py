"""Emails about an enrollment, each sent at most once (a database constraint sees to it)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Notification
from .selectors import listing_for


def send_once(enrollment, kind, subject, template, extra=None, attachments=()):
    """Send the email unless one of this kind went out already. Returns whether it was sent.

    The notification row and the sending share a transaction: if sending fails, the row is
    rolled back and a retry sends it; if two workers race, the second waits on the unique
    row and then skips.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                Notification.objects.create(enrollment=enrollment, kind=kind)
        except IntegrityError:
            return False
        cohort = enrollment.cohort
        context = {
            "enrollment": enrollment,
            "user": enrollment.user,
            "cohort": cohort,
            "program": cohort.program,
            "listing": listing_for(cohort),
            "site_name": settings.SITE_NAME,
            "my_courses_url": settings.SITE_URL.rstrip("/") + reverse("cohorts:my_courses"),
            "program_url": settings.SITE_URL.rstrip("/") + (cohort.program.url or "/"),
            **(extra or {}),
        }
        message = EmailMessage(
            subject=f"[{settings.SITE_NAME}] {subject}",
            body=render_to_string(f"cohorts/email/{template}.txt", context),
            to=[enrollment.user.email],
        )
        for filename, content, mimetype in attachments:
            message.attach(filename, content, mimetype)
        message.send()
    return True
