"""What workshops add to a participant's My courses page (the sessions in a calendar) and to
their home's to-do (the next session); to a facilitator's home (the next session and attendance
still to take) and to a workshop's page (their cohorts' session of it)."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from cohorts.registration.models import Enrollment
from modules import access as module_access
from modules.access import OwnSession, StaffLink
from modules.models import WorkshopPage
from modules.outline import per_request, program_outlines
from pd_platform import gradebook, homes
from pd_platform.accounts import roles
from pd_platform.homes import CourseExtras, CourseLink, CourseNote, Todo

from . import office_hours, selectors
from .feeds import feed_url
from .models import WorkshopSession


def calendar_links(user, rows):
    """A calendar file beside each cohort with sessions, and the person's feed. One query."""
    cohort_ids = {row.enrollment.cohort_id for row in rows}
    if not cohort_ids:
        return CourseExtras()
    with_sessions = {cohort_id for cohort_id, sessions in _sessions_of(cohort_ids).items() if sessions}
    links = {
        row.enrollment.pk: [
            CourseLink(
                "Add the sessions to your calendar (.ics)", reverse("workshops:sessions_ics", args=[row.enrollment.pk])
            )
        ]
        for row in rows
        if row.enrollment.cohort_id in with_sessions
    }
    notes = (
        [
            CourseNote(
                "Subscribe to all your workshop sessions in a calendar app:",
                "your calendar feed",
                feed_url(user),
                " (keep the link to yourself).",
                action_text="Reset this link if you shared it by mistake: the old link stops working at once.",
                action_label="Reset my calendar link",
                action_url=reverse("workshops:reset_calendar_feed"),
            )
        ]
        if links
        else []
    )
    return CourseExtras(links=links, notes=notes)


def _sessions_of(cohort_ids):
    """cohort id -> its sessions (their dates, times and places), soonest first: one query for the cohorts
    not read yet in this request (the home's standing, its next sessions and My courses' calendar
    links ask about the same cohorts)."""
    known = per_request("workshops:sessions", dict)
    missing = set(cohort_ids) - set(known)
    if missing:
        known.update({pk: [] for pk in missing})
        for session in (
            WorkshopSession.objects.filter(cohort_id__in=missing)
            .only("cohort_id", "workshop_id", "date", "start_time", "place")
            .order_by("date", "start_time", "pk")
        ):
            known[session.cohort_id].append(session)
    return {pk: known[pk] for pk in cohort_ids}


def session_dates(cohort_ids):
    """(cohort id, workshop page id) -> the date of that cohort's session of the workshop (one query)."""
    return {
        (session.cohort_id, session.workshop_id): session.date
        for sessions in _sessions_of(cohort_ids).values()
        for session in sessions
    }


def next_sessions(user, rows):
    """The next workshop session of each of the person's cohorts (one query)."""
    cohort_ids = {row.enrollment.cohort_id for row in rows if row.enrollment.status == "registered"}
    if not cohort_ids:
        return {}
    today = timezone.localdate()
    upcoming = {
        cohort_id: next((s for s in sessions if s.date >= today), None)
        for cohort_id, sessions in _sessions_of(cohort_ids).items()
    }
    # The workshops' pages from the programs' outlines (the cache); one unpublished since, from the database.
    pages = {
        page.pk: page
        for outline in program_outlines({row.enrollment.cohort.program_id for row in rows}).values()
        for page in outline.pages
    }
    unknown = {s.workshop_id for s in upcoming.values() if s is not None and s.workshop_id not in pages}
    if unknown:
        pages.update(WorkshopPage.objects.in_bulk(unknown))
    result = {}
    for row in rows:
        session = upcoming.get(row.enrollment.cohort_id)
        if session is None:
            continue
        workshop = pages[session.workshop_id]
        where = f", {session.place}" if session.place else ""
        result[row.enrollment.pk] = [
            Todo(
                "session",
                "Next session",
                f"{session.date:%A, %B} {session.date.day}, {session.start_time:%-I:%M %p}{where}",
                workshop.url,
                workshop.title,
                order=30,
            )
        ]
    return result


@dataclass
class CohortSessions:
    cohort: object
    next: object = None  # today's session or the next one
    not_taken: list = field(default_factory=list)  # sessions held with no attendance recorded


TAKE_ATTENDANCE_DAYS = 60  # a session older than this with no record is the program office's to chase, not a to-do


def facilitator_sessions(user):
    """For the facilitator's home: per workshop cohort they facilitate, the next session (today's
    first) with its attendance page, and the sessions held whose attendance is not taken. One query;
    an online-only course has no sessions and so no card."""
    today = timezone.localdate()
    cohorts = {}
    for session in (
        WorkshopSession.objects.filter(
            cohort__facilitators=user, date__gte=today - timedelta(days=TAKE_ATTENDANCE_DAYS)
        )
        .select_related("workshop", "cohort")
        .annotate(recorded=Count("attendance"))
        .order_by("date", "start_time", "pk")
    ):
        entry = cohorts.setdefault(session.cohort_id, CohortSessions(session.cohort))
        if session.date < today:
            if not session.recorded:
                entry.not_taken.append(session)
        elif entry.next is None:
            entry.next = session
    return {"cohorts": list(cohorts.values()), "today": today}


def workshop_page_links(user, page):
    """On a workshop's page, for a facilitator: their cohorts' session of this workshop, each with
    its attendance page. One query on a workshop page, none on another page."""
    if not isinstance(page, WorkshopPage):
        return []
    return [
        StaffLink(
            f"Take attendance: {session.cohort.name}",
            reverse("workshops:attendance", args=[session.pk]),
            f", {session.date:%A, %B} {session.date.day}, {session.start_time:%-I:%M %p}",
        )
        for session in WorkshopSession.objects.filter(workshop_id=page.pk, cohort__facilitators=user)
        .select_related("cohort")
        .order_by("date", "pk")
    ]


def own_workshop_sessions(user, page):
    """On a workshop's page, for a participant: their cohort's session of it (date, times in the cohort's
    time zone, place) and their calendar file. One query on a workshop page, none on another page."""
    if not isinstance(page, WorkshopPage):
        return []
    mine = Enrollment.objects.filter(cohort=OuterRef("cohort"), user=user, status=Enrollment.Status.REGISTERED)
    found = []
    for session in (
        WorkshopSession.objects.filter(workshop_id=page.pk)
        .annotate(enrollment_id=Subquery(mine.values("pk")[:1]))
        .filter(enrollment_id__isnull=False)
        .select_related("cohort")
        .order_by("date", "pk")
    ):
        zone = ZoneInfo(session.cohort.time_zone).tzname(datetime.combine(session.date, session.start_time))
        found.append(
            OwnSession(
                cohort=session.cohort.name,
                when=f"{session.date:%A, %B} {session.date.day}, {session.date.year}, "
                f"{session.start_time:%-I:%M %p} to {session.end_time:%-I:%M %p} ({zone})",
                place=session.place,
                calendar_url=reverse("workshops:sessions_ics", args=[session.enrollment_id]),
            )
        )
    return found


# Registered here, where they are defined; pd_platform.registries imports this module once.
homes.register_course_links(calendar_links, order=20)
homes.register_todos(next_sessions, order=20)
homes.register_session_dates(session_dates)
homes.register(
    "workshop-sessions", "workshops/home/sessions.html", {roles.FACILITATOR}, order=45, context=facilitator_sessions
)
homes.register(
    "office-hours",
    "workshops/home/office_hours.html",
    {roles.PARTICIPANT, roles.FACILITATOR},
    order=50,
    context=office_hours.home_card,
)
module_access.register_staff_links(workshop_page_links)
module_access.register_own_sessions(own_workshop_sessions)
gradebook.register_column_pages(selectors.attendance_pages)
