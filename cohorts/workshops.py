"""Workshop cohorts: scheduling sessions, taking attendance, keeping the hours ledger."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from modules.models import ActivityKind, OnlineLearningPage, WorkshopPage, WorkshopSeriesPage

from . import hours as rules
from .models import Attendance, District, Enrollment, HoursEntry, Submission, WorkshopSession
from .selectors import closed_days_between
from .signals import submission_status_changed

DEFAULT_START = "15:45"


class WorkshopError(Exception):
    pass


def series_of(cohort):
    page = cohort.program.specific
    if not isinstance(page, WorkshopSeriesPage):
        raise WorkshopError(f"{cohort} is not a cohort of a workshop series.")
    return page


@transaction.atomic
def schedule_sessions(cohort, first_date, start_time=DEFAULT_START, place="", facilitator=None):
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


def group_status(cohort):
    """(confirmed, registered, minimum): a site cohort runs with a minimum group size."""
    minimum = getattr(cohort.program.specific, "min_group_size", 0)
    registered = cohort.enrollments.filter(status=Enrollment.Status.REGISTERED).count()
    return registered >= minimum, registered, minimum


def district_for(name):
    return District.objects.filter(name__iexact=(name or "").strip()).first()


@transaction.atomic
def record_attendance(session, enrollment, status, minutes, by, outside_contract=None):
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
    district = district_for(enrollment.user.district)
    contract = (district.contract_start, district.contract_end) if district else (_default_contract())
    outside = rules.minutes_outside_contract(session.date, session.start_time, session.end_time, *contract)
    credited, beyond = rules.credited_hours(status, minutes, session.minutes, outside, outside_contract)
    _ledger(enrollment, HoursEntry.Source.WORKSHOP, f"session-{session.pk}", session.date, credited, beyond)

    activity = session.workshop.activities.filter(kind=ActivityKind.ATTENDANCE).first()
    if activity is not None:
        submission, _ = Submission.objects.get_or_create(enrollment=enrollment, activity=activity)
        new_status = (
            Submission.Status.COMPLETE
            if rules.counts_as_attended(status, minutes, session.minutes)
            else Submission.Status.MISSING
        )
        if submission.status != new_status:
            submission.status = new_status
            submission.submitted_at = timezone.now()
            submission.save(update_fields=["status", "submitted_at", "updated_at"])
            transaction.on_commit(lambda: submission_status_changed.send(sender=Submission, submission=submission))
    return attendance


@transaction.atomic
def record_session_attendance(session, rows, by):
    """A whole session's attendance in one transaction: all of it is saved, or none."""
    return [
        record_attendance(session, enrollment, status, minutes, by, outside_contract=outside)
        for enrollment, status, minutes, outside in rows
    ]


def _default_contract():
    from datetime import time

    return time(8, 0), time(15, 30)


def _ledger(enrollment, source, reference, day, credited, beyond):
    if credited > 0:
        HoursEntry.objects.update_or_create(
            enrollment=enrollment,
            source=source,
            reference=reference,
            defaults={"date": day, "hours": credited, "hours_beyond_contract": beyond},
        )
    else:
        HoursEntry.objects.filter(enrollment=enrollment, source=source, reference=reference).delete()


def credit_online_learning(submission):
    """Online independent learning credits its hours when all its activities are complete.
    Done on the participant's own time, so beyond contracted hours."""
    page = submission.activity.page.specific
    if not isinstance(page, OnlineLearningPage):
        return
    enrollment = submission.enrollment
    required = set(page.activities.filter(required=True).values_list("pk", flat=True))
    done = set(
        enrollment.submissions.filter(activity_id__in=required, status=Submission.Status.COMPLETE).values_list(
            "activity_id", flat=True
        )
    )
    complete = bool(required) and required == done
    hours_worth = page.hours if complete else Decimal("0")
    _ledger(enrollment, HoursEntry.Source.ONLINE, f"online-{page.pk}", timezone.localdate(), hours_worth, hours_worth)


def credit_course_completion(enrollment, hours_worth, day, reference):
    """An asynchronous course's hours, credited when its certificate is issued."""
    _ledger(enrollment, HoursEntry.Source.COURSE, reference, day, hours_worth, hours_worth)
