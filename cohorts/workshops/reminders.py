"""Reminders about sessions: a workshop tomorrow, with its calendar entry attached."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from cohorts.registration.models import Enrollment
from cohorts.registration.selectors import may_use_course_q
from pd_platform import reminders
from pd_platform.accounts import roles

from .calendar import ics, office_hours_ics
from .models import OfficeHoursSeat, WorkshopSession


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


def office_hours_tomorrow(now):
    """Everyone still registered with a seat at office hours that start tomorrow in the session's time zone."""
    seats = (
        OfficeHoursSeat.objects.filter(
            cancelled_at__isnull=True,
            enrollment__status=Enrollment.Status.REGISTERED,  # a cancelled registration took its seat with it
            session__cancelled_at__isnull=True,
            session__starts_at__gt=now,
            session__starts_at__lte=now + timedelta(days=2, hours=14),
        )
        .select_related("session__program", "session__facilitator", "enrollment__user")
        .order_by("session__starts_at", "pk")
    )
    for seat in seats:
        session = seat.session
        if session.local_start.date() != now.astimezone(ZoneInfo(session.time_zone)).date() + timedelta(days=1):
            continue
        yield reminders.Due(
            kind="session",
            recipient=seat.enrollment.user,
            object_key=f"office-hours:{session.pk}",
            period=session.local_start.date().isoformat(),
            subject=f"Tomorrow: {session.topic}, {session.local_start:%-I:%M %p}",
            template="workshops/email/reminder_office_hours.txt",
            context={
                "session": session,
                "url": settings.SITE_URL.rstrip("/") + reverse("workshops:office_hours"),
            },
            time_zone=session.time_zone,
            cohort_id=seat.enrollment.cohort_id,
            attachments=(("office-hours.ics", office_hours_ics([session], session.topic), "text/calendar"),),
        )


def sessions_and_office_hours_tomorrow(now, rules):
    yield from sessions_tomorrow(now, rules)
    yield from office_hours_tomorrow(now)


# Registered here, where they are defined; pd_platform.registries imports this module once.
reminders.register(
    "session",
    "A session tomorrow",
    "The day before a workshop or office hours you signed up for, with the calendar entry.",
    {roles.PARTICIPANT},
    sessions_and_office_hours_tomorrow,
    order=50,
)
