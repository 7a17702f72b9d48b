"""Office hours: facilitators schedule them, participants and alumni of the program take a seat,
attendance credits the hours ledger. Reads and writes of this sub-domain, each write one
transaction; the seat count is decided with the session row locked."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import reviewable_cohorts
from pd_platform import dates
from pd_platform.accounts import roles

from .models import OfficeHours, OfficeHoursSeat
from .rules import AttendanceStatus
from .signals import office_hours_attended


class OfficeHoursError(Exception):
    pass


def programs_led_by(user):
    """Ids of the programs whose office hours this person may schedule: the programs of the
    cohorts they facilitate (every program for an admin)."""
    return set(reviewable_cohorts(user).values_list("program_id", flat=True).distinct())


def enrollment_for_office_hours(user, program_id):
    """The person's place in the program (their latest registered enrollment, in any cohort,
    finished or not), or None: office hours are for the program's participants and alumni."""
    return (
        Enrollment.objects.filter(user=user, cohort__program_id=program_id, status=Enrollment.Status.REGISTERED)
        .order_by("-cohort__start_date", "-pk")
        .first()
    )


def office_hours():
    """Every read of office hours starts here. A session whose start no page can show is left
    out: one stored before dates were bounded (9999-12-31 23:30 in Los Angeles is past the year
    9999 in UTC, which PostgreSQL keeps but Python cannot read, convert to a time zone or add an
    hour to), so it cannot break the homes, the list or a calendar file of the program."""
    return OfficeHours.objects.filter(dates.shown("starts_at"))


def with_seats_taken(queryset):
    return queryset.annotate(taken=Count("seats", filter=Q(seats__cancelled_at__isnull=True)))


@dataclass
class OfficeHoursRow:
    session: OfficeHours
    seats_left: int
    my_seat: bool  # the person holds a seat (not given back)


def upcoming_for_participant(user, now=None):
    """Office hours ahead in the programs this person takes or took, soonest first, with the
    seats left and whether they hold one. One query however many there are (their programs and
    their seats are read inside it)."""
    now = now or timezone.now()
    programs = (
        Enrollment.objects.filter(user=user, status=Enrollment.Status.REGISTERED)
        .order_by()
        .values("cohort__program_id")
    )
    my_seat = OfficeHoursSeat.objects.filter(session=OuterRef("pk"), enrollment__user=user, cancelled_at__isnull=True)
    sessions = list(
        with_seats_taken(office_hours().filter(program_id__in=programs, cancelled_at__isnull=True, starts_at__gt=now))
        .annotate(my_seat=Exists(my_seat))
        .select_related("program", "facilitator")
        .order_by("starts_at", "pk")[:50]
    )
    return [OfficeHoursRow(s, max(s.capacity - s.taken, 0), s.my_seat) for s in sessions]


def led_by(user, now=None, past=False):
    """The office hours this facilitator leads (an admin: all), upcoming or recent."""
    now = now or timezone.now()
    queryset = office_hours() if roles.is_admin(user) else office_hours().filter(facilitator=user)
    if past:
        queryset = queryset.filter(starts_at__lte=now, starts_at__gte=now - timedelta(days=120)).order_by("-starts_at")
    else:
        queryset = queryset.filter(starts_at__gt=now).order_by("starts_at")
    return list(with_seats_taken(queryset).select_related("program", "facilitator")[:50])


def led_session(user, session_id):
    """One office-hours session this person leads (or any, for an admin), or None."""
    queryset = office_hours() if roles.is_admin(user) else office_hours().filter(facilitator=user)
    return queryset.select_related("program").filter(pk=session_id).first()


def calendar_session(user, session_id):
    """The session for its calendar file: for a person with a seat or the facilitator leading it; else None."""
    session = office_hours().select_related("program").filter(pk=session_id).first()
    if session is None:
        return None
    holds_seat = OfficeHoursSeat.objects.filter(
        session=session, enrollment__user=user, cancelled_at__isnull=True
    ).exists()
    return session if holds_seat or led_session(user, session_id) else None


def schedule_office_hours(by, program_id, starts_at, minutes, place, capacity, topic="Office hours", time_zone=None):
    """``by`` schedules office hours for a program whose cohorts they facilitate."""
    if program_id not in programs_led_by(by):
        raise OfficeHoursError("You can schedule office hours only for a program whose cohort you facilitate.")
    if starts_at <= timezone.now():
        raise OfficeHoursError("Office hours must start in the future.")
    if time_zone is None:
        cohort = Cohort.objects.filter(program_id=program_id, facilitators=by).order_by("-start_date").first()
        time_zone = cohort.time_zone if cohort else timezone.get_default_timezone_name()
    session = OfficeHours(
        program_id=program_id,
        starts_at=starts_at,
        minutes=minutes,
        place=place,
        capacity=capacity,
        topic=topic or "Office hours",
        time_zone=time_zone,
        facilitator=by,
    )
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def do_take_seat(user, session_id, now=None):
    """Take a seat at office hours (again, after cancelling). The session row is locked, so two
    people never take the last seat at once. Taking a seat one already has changes nothing."""
    now = now or timezone.now()
    session = office_hours().select_for_update().filter(pk=session_id).first()
    if session is None:
        raise OfficeHoursError("These office hours do not exist.")
    enrollment = enrollment_for_office_hours(user, session.program_id)
    if enrollment is None:
        raise OfficeHoursError("These office hours are for the participants and alumni of another program.")
    if session.cancelled_at is not None:
        raise OfficeHoursError("These office hours were cancelled.")
    if session.starts_at <= now:
        raise OfficeHoursError("These office hours have started; seats are taken before the start.")
    seat = OfficeHoursSeat.objects.filter(session=session, enrollment__user=user).first()
    if seat is not None and seat.cancelled_at is None:
        return seat
    taken = OfficeHoursSeat.objects.filter(session=session, cancelled_at__isnull=True).count()
    if taken >= session.capacity:
        raise OfficeHoursError("These office hours are full. Choose another time, or ask the facilitator.")
    if seat is None:
        return OfficeHoursSeat.objects.create(session=session, enrollment=enrollment)
    seat.cancelled_at = None
    seat.save(update_fields=["cancelled_at"])
    return seat


@transaction.atomic
def do_give_up_seat(user, session_id, now=None):
    """Give the seat back (before the start), so someone else can have it."""
    now = now or timezone.now()
    seat = (
        OfficeHoursSeat.objects.select_for_update()
        .select_related("session")
        .filter(dates.shown("session__starts_at"), session_id=session_id, enrollment__user=user, cancelled_at=None)
        .first()
    )
    if seat is None:
        raise OfficeHoursError("You have no seat at these office hours.")
    if seat.session.starts_at <= now:
        raise OfficeHoursError("These office hours have started.")
    seat.cancelled_at = now
    seat.save(update_fields=["cancelled_at"])


@transaction.atomic
def record_office_hours_attendance(session, rows, by, now=None):
    """``rows``: seat id -> (status, minutes attended, for partial). Only seats of this session;
    nothing is saved while a row is wrong (the error names each). The ledger credits the hours in
    the same transaction (``office_hours_attended``)."""
    now = now or timezone.now()
    if session.starts_at > now:
        raise OfficeHoursError("Attendance is taken once the office hours have started.")
    seats = {
        seat.pk: seat
        for seat in OfficeHoursSeat.objects.select_for_update()
        .select_related("enrollment__user", "session")
        .filter(session=session, cancelled_at__isnull=True)
    }
    given = {seat_id: row for seat_id, row in rows.items() if seat_id in seats}
    problems = []
    for seat_id, (status, minutes) in given.items():
        name = seats[seat_id].enrollment.user.full_name
        if status not in AttendanceStatus.values:
            problems.append(f"{name}: choose present, partial or absent.")
        elif status == AttendanceStatus.PARTIAL and not minutes:
            problems.append(f"{name}: give the minutes attended for partial attendance.")
    if problems:
        raise OfficeHoursError(*problems)
    for seat_id, (status, minutes) in given.items():
        seat = seats[seat_id]
        if status == AttendanceStatus.PRESENT:
            seat.minutes = session.minutes
        elif status == AttendanceStatus.PARTIAL:
            seat.minutes = min(minutes, session.minutes)
        else:
            seat.minutes = 0
        seat.status, seat.recorded_by, seat.recorded_at = status, by, now
        seat.save(update_fields=["status", "minutes", "recorded_by", "recorded_at"])
        office_hours_attended.send(sender=OfficeHoursSeat, seat=seat)


def home_card(user):
    """The home's office-hours card: the next few a person leads and the next few they may join (a
    graduate who runs a site cohort does both; three queries for each part)."""
    leads = bool(programs_led_by(user)) and not roles.is_admin(user)
    led = led_by(user)[:3] if leads else []
    for session in led:
        session.leading = True
    joinable = []
    if not leads or roles.PARTICIPANT in roles.role_names(user):
        for row in upcoming_for_participant(user):
            if row.session.facilitator_id == user.pk:
                continue  # already listed as theirs to lead
            row.session.mine = row.my_seat
            joinable.append(row.session)
            if len(joinable) == 3:
                break
    return {"rows": led + joinable, "leads": leads, "leads_any": bool(led), "joinable": bool(joinable)}
