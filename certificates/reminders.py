"""Reminders about certificates that expire: 90 and then 30 days before a certificate's validity
ends (a program sets it, e.g. five years for a licence-renewal cycle). Nothing is sent for a
certificate revoked or superseded, or once the holder has a newer one of the program that lasts
longer: the reason is gone."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pd_platform import reminders
from pd_platform.accounts import roles

from .models import Certificate

KIND = "certificate_expiry"
WARN_DAYS = (90, 30)


def _live():
    return Certificate.objects.filter(revoked_at__isnull=True, replaced_at__isnull=True)


def expiring_certificates(now, rules):
    """Two queries: the certificates ending within 90 days, and their holders' other certificates."""
    ending = list(
        _live()
        .filter(valid_until__gt=now, valid_until__lte=now + timedelta(days=max(WARN_DAYS)))
        .select_related("enrollment__user", "enrollment__cohort")
        .order_by("valid_until", "pk")
    )
    if not ending:
        return
    holders = {c.enrollment.user_id for c in ending}
    others = list(
        _live()
        .filter(enrollment__user_id__in=holders)
        .values_list("pk", "enrollment__user_id", "course_title", "valid_until")
    )
    site = settings.SITE_URL.rstrip("/")
    for certificate in ending:
        user = certificate.enrollment.user
        renewed = any(
            pk != certificate.pk
            and user_id == user.pk
            and title == certificate.course_title
            and (until is None or until > certificate.valid_until)
            for pk, user_id, title, until in others
        )
        if renewed or not user.is_active:
            continue
        days_left = (certificate.valid_until - now).days
        period = min(days for days in WARN_DAYS if days_left < days)
        until = timezone.localdate(certificate.valid_until)
        yield reminders.Due(
            kind=KIND,
            recipient=user,
            object_key=f"certificate:{certificate.pk}",
            period=f"{period}-days",
            subject=f"Your certificate for {certificate.course_title} expires {until:%B} {until.day}, {until.year}",
            template="certificates/email/reminder_expiry.txt",
            context={
                "certificate": certificate,
                "days_left": days_left,
                "verify_url": site + reverse("certificates:verify", args=[certificate.code]),
                "certificates_url": site + reverse("certificates:mine"),
            },
            time_zone=certificate.enrollment.cohort.time_zone,
            cohort_id=certificate.enrollment.cohort_id,
        )


# Registered here, where they are defined; pd_platform.registries imports this module once.
reminders.register(
    KIND,
    "Your certificate expires",
    "90 and 30 days before a certificate's validity ends, so that you can renew it in time.",
    {roles.PARTICIPANT},
    expiring_certificates,
    order=60,
)
