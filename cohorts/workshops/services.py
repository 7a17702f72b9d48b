"""Workshop cohorts: scheduling sessions and taking attendance, one transaction each."""

from collections.abc import Iterable
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from cohorts.coursework.models import Submission
from cohorts.coursework.services import set_submission_status, submission_for_update
from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import closed_days_between
from modules.models import ActivityKind, WorkshopPage, WorkshopSeriesPage
from pd_platform.accounts.models import User

from . import rules
from .models import Attendance, CalendarFeed, WorkshopSession
from .signals import attendance_recorded

DEFAULT_START = "15:45"


class WorkshopError(Exception):
    pass


def series_of(cohort: Cohort) -> WorkshopSeriesPage:
    page = cohort.program.specific
    if not isinstance(page, WorkshopSeriesPage):
        raise WorkshopError(f"{cohort} is not a cohort of a workshop series.")
    return page


@transaction.atomic
def schedule_sessions(
    cohort: Cohort,
    first_date: date,
    start_time: str | time = DEFAULT_START,
    place: str = "",
    facilitator: User | None = None,
) -> list[WorkshopSession]:
    """Propose a session per workshop, about three weeks apart, skipping weekends and holidays.
    Sessions that exist already keep their date (a facilitator may have moved them)."""
    from datetime import time as time_cls
    from datetime import timedelta

    series = series_of(cohort)
    workshops = list(WorkshopPage.objects.child_of(series).live().order_by("number"))
    if isinstance(start_time, str):
        start_time = time_cls.fromisoformat(start_time)
    closed = closed_days_between(first_date, first_date + timedelta(weeks=4 * len(workshops)))
    dates = rules.propose_dates(first_date, len(workshops), series.weeks_between_workshops, closed)
    sessions = []
    for workshop, day in zip(workshops, dates, strict=True):
        session, _ = WorkshopSession.objects.get_or_create(
            cohort=cohort,
            workshop=workshop,
            defaults={
                "date": day,
                "start_time": start_time,
                "end_time": rules.end_time(start_time, workshop.hours),
                "place": place,
                "facilitator": facilitator or cohort.facilitators.first(),
            },
        )
        sessions.append(session)
    return sessions


@transaction.atomic
def record_attendance(
    session: WorkshopSession,
    enrollment: Enrollment,
    status: str,
    minutes: int | str | None,
    by: User,
    outside_contract: bool | None = None,
) -> Attendance:
    """Take attendance for one person; credits hours and completes the workshop's attendance
    activity when they attended."""
    if enrollment.cohort_id != session.cohort_id:
        raise WorkshopError("That participant is not in this cohort.")
    if status not in Attendance.Status.values:
        raise WorkshopError("Choose present, partial or absent.")
    try:
        given = int(minutes or 0)
    except (TypeError, ValueError, OverflowError):
        raise WorkshopError("Give the minutes attended as a whole number.") from None
    minutes = (
        session.minutes
        if status == Attendance.Status.PRESENT
        else (0 if status == Attendance.Status.ABSENT else max(0, min(given, session.minutes)))
    )
    if status == Attendance.Status.PARTIAL and minutes == 0:
        raise WorkshopError("For partial attendance, give the minutes attended.")
    attendance, _ = Attendance.objects.update_or_create(
        session=session,
        enrollment=enrollment,
        defaults={"status": status, "minutes": minutes, "outside_contract": outside_contract, "recorded_by": by},
    )
    # The hours ledger (a room above) credits the hours in this same transaction.
    attendance_recorded.send(sender=Attendance, attendance=attendance)

    activity = session.workshop.activities.filter(kind=ActivityKind.ATTENDANCE).first()
    if activity is not None:
        submission = submission_for_update(enrollment, activity)
        new_status = (
            Submission.Status.COMPLETE
            if rules.counts_as_attended(status, minutes, session.minutes)
            else Submission.Status.MISSING
        )
        if submission.status != new_status:
            set_submission_status(submission, new_status, submitted_at=timezone.now())
    return attendance


@transaction.atomic
def record_session_attendance(
    session: WorkshopSession, rows: Iterable[tuple[Enrollment, str, int | str | None, bool | None]], by: User
) -> list[Attendance]:
    """A whole session's attendance in one transaction: all of it is saved, or none."""
    return [
        record_attendance(session, enrollment, status, minutes, by, outside_contract=outside)
        for enrollment, status, minutes, outside in rows
    ]


@transaction.atomic
def edit_session(session: WorkshopSession, date: date, start_time: time, end_time: time, place: str) -> WorkshopSession:
    """Move a session or set its room: the row is locked, so two facilitators saving at once keep one answer."""
    session = WorkshopSession.objects.select_for_update().get(pk=session.pk)
    session.date, session.start_time, session.end_time, session.place = date, start_time, end_time, place
    session.save(update_fields=["date", "start_time", "end_time", "place"])
    return session


@transaction.atomic
def reset_calendar_feed(user: User, now: datetime | None = None) -> CalendarFeed:
    """A new address for ``user``'s calendar feed: every address given out before stops at once."""
    feed, _ = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    feed.version += 1
    feed.reset_at = now or timezone.now()
    feed.save(update_fields=["version", "reset_at"])
    return feed
