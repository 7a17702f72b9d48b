import re

from django.db.models import Count, F, Q

from cohorts.hours.models import HoursEntry
from cohorts.hours.selectors import course_completion_reference
from cohorts.registration.models import Enrollment
from cohorts.workshops.models import Attendance

from .models import Certificate


def certificates_of(user):
    return Certificate.objects.filter(enrollment__user=user).select_related("enrollment__cohort").order_by("-issued_at")


def certificate_by_code(code):
    """Codes are letters and digits; anything else (spaces, dashes people type) is ignored."""
    code = re.sub(r"[^A-Za-z0-9]", "", code or "").upper()
    if not code or len(code) > 16:
        return None
    return Certificate.objects.filter(code=code).select_related("superseded_by").first()


def certificate_by_sha256(digest):
    return Certificate.objects.filter(sha256=digest).first()


def search_certificates(query="", cohort_id=None):
    queryset = Certificate.objects.select_related("enrollment__user", "enrollment__cohort", "superseded_by")
    if query:
        queryset = queryset.filter(
            Q(code__iexact=query.strip()) | Q(full_name__icontains=query) | Q(enrollment__user__email__icontains=query)
        )
    if cohort_id:
        queryset = queryset.filter(enrollment__cohort_id=cohort_id)
    return queryset.order_by("-issued_at")


def enrollments_holding_a_valid_certificate(enrollment_ids):
    """Of these enrollments, those holding a live certificate (one query for a whole listing)."""
    return set(
        Certificate.objects.filter(
            enrollment_id__in=set(enrollment_ids), revoked_at__isnull=True, replaced_at__isnull=True
        ).values_list("enrollment_id", flat=True)
    )


def hours_credited_by(certificate):
    """The PD hours the ledger credits for the certificate's course completion (none for a workshop
    series, whose hours are each session attended)."""
    return (
        HoursEntry.objects.filter(
            enrollment_id=certificate.enrollment_id,
            source=HoursEntry.Source.COURSE,
            reference=course_completion_reference(certificate.enrollment),
        )
        .values_list("hours", flat=True)
        .first()
    )


COHORTS_SHOWN = 50


def cohort_funnel(cohorts):
    """Each cohort's funnel in one query: registered, attending, online learning done, certified."""
    registered = Q(enrollments__status=Enrollment.Status.REGISTERED)
    return list(
        cohorts.select_related("program")
        .annotate(
            registered=Count("enrollments", filter=registered, distinct=True),
            attending=Count(
                "enrollments__attendance__enrollment",
                filter=registered
                & Q(enrollments__attendance__status__in=[Attendance.Status.PRESENT, Attendance.Status.PARTIAL]),
                distinct=True,
            ),
            online=Count(
                "enrollments__hours_entries__enrollment",
                filter=registered & Q(enrollments__hours_entries__source=HoursEntry.Source.ONLINE),
                distinct=True,
            ),
            certified=Count(
                "enrollments__certificates",
                filter=Q(
                    enrollments__certificates__revoked_at__isnull=True,
                    enrollments__certificates__replaced_at__isnull=True,
                ),
                distinct=True,
            ),
        )
        .order_by("-start_date")[:COHORTS_SHOWN]
    )


def certificates_needing_work(limit=5):
    """Valid certificates the office must act on: not yet signed (no PDF), or printed with a
    name the holder has since changed (re-issue). (The first ``limit``, how many in all.)"""
    queryset = (
        Certificate.objects.filter(revoked_at__isnull=True, replaced_at__isnull=True)
        .filter(Q(sha256="") | ~Q(full_name=F("enrollment__user__full_name")))
        .select_related("enrollment__user")
        .order_by("issued_at")
    )
    return list(queryset[:limit]), queryset.count()
