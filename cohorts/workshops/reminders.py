"""Reminders about sessions: a workshop tomorrow, with its calendar entry attached."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from cohorts.registration.models import Enrollment
from cohorts.registration.selectors import may_use_course_q
from pd_platform import reminders
from pd_platform.accounts import roles

from .calendar import ics
from .models import WorkshopSession


def sessions_tomorrow(now, rules):
    """Everyone registered in a cohort whose workshop is tomorrow in the cohort's time zone."""
    sessions = list(
        WorkshopSession.objects.filter(date__gte=now.date(), date__lte=now.date() + timedelta(days=2))
        .select_related("cohort__program", "workshop")
        .order_by("date", "start_time", "pk")
    )
    sessions = [
        s for s in sessions if s.date == now.astimezone(ZoneInfo(s.cohort.time_zone)).date() + timedelta(days=1)
    ]
    if not sessions:
        return
    by_cohort = {}
    for session in sessions:
        by_cohort.setdefault(session.cohort_id, []).append(session)
    enrollments = (
        Enrollment.objects.filter(may_use_course_q(), cohort__in=list(by_cohort)).select_related("user").order_by("pk")
    )
    for enrollment in enrollments:
        for session in by_cohort[enrollment.cohort_id]:
            cohort = session.cohort
            yield reminders.Due(
                kind="session",
                recipient=enrollment.user,
                object_key=f"session:{session.pk}",
                period=session.date.isoformat(),
                subject=f"Tomorrow: {session.workshop.title}, {session.start_time:%-I:%M %p}",
                template="workshops/email/reminder_session.txt",
                context={
                    "session": session,
                    "cohort": cohort,
                    "url": settings.SITE_URL.rstrip("/") + reverse("cohorts:my_courses"),
                },
                time_zone=cohort.time_zone,
                cohort_id=cohort.pk,
                attachments=(("session.ics", ics([session], session.workshop.title), "text/calendar"),),
            )


def register_kinds():
    reminders.register(
        "session",
        "A session tomorrow",
        "The day before a workshop or office hours you signed up for, with the calendar entry.",
        {roles.PARTICIPANT},
        sessions_tomorrow,
        order=50,
    )
