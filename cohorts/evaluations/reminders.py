"""Reminders: the evaluation not filled in yet, and a check-in that is open."""

from datetime import timedelta

from django.urls import reverse

from certificates.models import Certificate
from cohorts.coursework.reminders import open_standings
from pd_platform import reminders
from pd_platform.accounts import roles

from .models import Response, Survey
from .services import END, checkin_occasion, evaluation_open, open_checkin_day, site_url


def evaluation_waiting(now, rules):
    """Participants who met the course's rule (or whose cohort is open and the certificate waits
    for it) and have not filled in the evaluation. Once per enrollment."""
    surveys = {s.program_id: s for s in Survey.objects.filter(kind=Survey.Kind.EVALUATION)}
    if not surveys:
        return
    standings = [
        s for s in open_standings(now) if evaluation_open(s.progress) and s.enrollment.cohort.program_id in surveys
    ]
    answered = set(
        Response.objects.filter(occasion=END, enrollment__in=[s.enrollment.pk for s in standings]).values_list(
            "enrollment_id", flat=True
        )
    )
    # Whoever holds the certificate already is not told it waits for the evaluation.
    certified = set(
        Certificate.objects.filter(
            enrollment__in=[s.enrollment.pk for s in standings if s.enrollment.pk not in answered],
            revoked_at__isnull=True,
        ).values_list("enrollment_id", flat=True)
    )
    for standing in standings:
        enrollment = standing.enrollment
        if enrollment.pk in answered:
            continue
        survey = surveys[enrollment.cohort.program_id]
        cohort = enrollment.cohort
        waits = survey.required_for_certificate and enrollment.pk not in certified
        yield reminders.Due(
            kind="evaluation",
            recipient=enrollment.user,
            object_key=f"enrollment:{enrollment.pk}",
            period=END,
            subject=(
                f"Your {cohort.program.title} certificate waits for the course evaluation"
                if waits
                else f"How did {cohort.program.title} serve you?"
            ),
            template="evaluations/email/reminder_evaluation.txt",
            context={
                "survey": survey,
                "certificate_waits": waits,
                "cohort": cohort,
                "url": site_url(reverse("evaluations:evaluation", args=[enrollment.pk])),
            },
            time_zone=cohort.time_zone,
            cohort_id=cohort.pk,
        )


def checkins_open(now, rules):
    """People whose check-in (30, 60, 90 days after their certificate) is open and unanswered."""
    surveys = {s.program_id: s for s in Survey.objects.filter(kind=Survey.Kind.CHECK_IN)}
    if not surveys:
        return
    longest = max((max(s.days, default=0) for s in surveys.values()), default=0)
    certificates = list(
        Certificate.objects.filter(
            revoked_at__isnull=True,
            replaced_at__isnull=True,
            enrollment__cohort__program_id__in=list(surveys),
            issued_at__gte=now - timedelta(days=longest + 60),
        ).select_related("enrollment__user", "enrollment__cohort__program")
    )
    answered = {}
    for enrollment_id, occasion in Response.objects.filter(
        enrollment__in=[c.enrollment_id for c in certificates]
    ).values_list("enrollment_id", "occasion"):
        answered.setdefault(enrollment_id, set()).add(occasion)
    for certificate in certificates:
        enrollment = certificate.enrollment
        cohort = enrollment.cohort
        day = open_checkin_day(
            surveys[cohort.program_id], certificate.issued_at, answered.get(enrollment.pk, set()), now
        )
        if day is None:
            continue
        yield reminders.Due(
            kind="checkin",
            recipient=enrollment.user,
            object_key=f"enrollment:{enrollment.pk}",
            period=checkin_occasion(day),
            subject=f"{day} days after {cohort.program.title}: how is it going?",
            template="evaluations/email/reminder_checkin.txt",
            context={
                "day": day,
                "cohort": cohort,
                "url": site_url(reverse("evaluations:checkin", args=[enrollment.pk])),
            },
            time_zone=cohort.time_zone,
            cohort_id=cohort.pk,
        )


# Registered here, where they are defined; pd_platform.registries imports this module once.
reminders.register(
    "evaluation",
    "Course evaluation not filled in",
    "Once you have met the course's requirement, until you fill in the evaluation.",
    {roles.PARTICIPANT},
    evaluation_waiting,
    order=65,
)
reminders.register(
    "checkin",
    "Check-ins after the course",
    "30, 60 and 90 days after your certificate: three short questions on how it is going.",
    {roles.PARTICIPANT},
    checkins_open,
    order=70,
)
