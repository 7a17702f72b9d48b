"""The training-hours ledger: one entry per enrollment, source and reference, kept in step with
attendance, online learning and course completion. Each function runs inside its caller's
transaction (the attendance or status change it follows) or its own."""

from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cohorts.coursework.models import Submission
from cohorts.registration.models import Enrollment
from cohorts.workshops.models import Attendance, OfficeHoursSeat
from modules.models import OnlineLearningPage

from . import rules
from .models import HoursEntry
from .selectors import contract_of, course_completion_reference


def _ledger(
    enrollment: Enrollment,
    source: str,
    reference: str,
    day: date | None,
    credited: Decimal | int,
    beyond: Decimal | int,
) -> None:
    if credited > 0:
        HoursEntry.objects.update_or_create(
            enrollment=enrollment,
            source=source,
            reference=reference,
            defaults={"date": day, "hours": credited, "hours_beyond_contract": beyond},
        )
    else:
        HoursEntry.objects.filter(enrollment=enrollment, source=source, reference=reference).delete()


@transaction.atomic
def credit_workshop_attendance(attendance: Attendance) -> None:
    """A session's hours as attended, with the share outside the district's contracted day
    (or the facilitator's word for it)."""
    session, enrollment = attendance.session, attendance.enrollment
    outside = rules.minutes_outside_contract(
        session.date, session.start_time, session.end_time, *contract_of(enrollment.user)
    )
    credited, beyond = rules.credited_hours(
        attendance.status, attendance.minutes, session.minutes, outside, attendance.outside_contract
    )
    _ledger(enrollment, HoursEntry.Source.WORKSHOP, f"session-{session.pk}", session.date, credited, beyond)


def credit_office_hours(seat: OfficeHoursSeat) -> None:
    """Office hours as attended, with the share outside the district's contracted day."""
    session, enrollment = seat.session, seat.enrollment
    local = session.local_start
    end = (local + timedelta(minutes=session.minutes)).time()
    if end <= local.time():  # past midnight: count to the end of the day
        end = time(23, 59)
    outside = rules.minutes_outside_contract(local.date(), local.time(), end, *contract_of(enrollment.user))
    credited, beyond = rules.credited_hours(seat.status, seat.minutes or 0, session.minutes, outside)
    _ledger(enrollment, HoursEntry.Source.OFFICE_HOURS, f"office-hours-{session.pk}", local.date(), credited, beyond)


@transaction.atomic
def credit_online_learning(submission: Submission) -> None:
    """Online independent learning credits its hours when all its activities are complete.
    Done on the participant's own time, so beyond contracted hours."""
    if submission.activity is None:
        return  # a follow-up assignment carries no hours of its own
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


def credit_online_learning_after(submission_id: int, previous: str, status: str) -> bool:
    """The ledger's follow-up of a submission's status change (``pd_platform.follow_ups``): only a change
    to or from complete moves online hours. Returns whether the ledger was brought in step."""
    if Submission.Status.COMPLETE not in (previous, status):
        return False
    submission = Submission.objects.select_related("activity__page", "enrollment").filter(pk=submission_id).first()
    if submission is None:
        return False  # erased since (a person's data removed): nothing is owed
    credit_online_learning(submission)
    return True


@transaction.atomic
def credit_course_completion(enrollment: Enrollment, hours_worth: Decimal, day: date) -> None:
    """An asynchronous course's hours, credited when its certificate is issued: one entry per enrollment,
    written anew, never added to, however often it is re-issued. A re-issue (a corrected name) keeps the day
    the hours were first credited, so they stay in the pay period they were earned in."""
    reference = course_completion_reference(enrollment)
    earlier = (
        HoursEntry.objects.filter(enrollment=enrollment, source=HoursEntry.Source.COURSE, reference=reference)
        .values_list("date", flat=True)
        .first()
    )
    _ledger(enrollment, HoursEntry.Source.COURSE, reference, earlier or day, hours_worth, hours_worth)


@transaction.atomic
def withdraw_course_completion(enrollment: Enrollment) -> None:
    """The course's hours leave the ledger (and so every transcript and report) when its certificate is revoked."""
    _ledger(enrollment, HoursEntry.Source.COURSE, course_completion_reference(enrollment), None, 0, 0)
