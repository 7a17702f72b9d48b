"""The access policy coursework installs in ``modules.access``: activities are for enrolled
participants from their cohort's access date; facilitators and admins see them always."""

from django.urls import reverse
from django.utils import timezone

from cohorts.registration.deadlines import local_text
from cohorts.registration.models import Enrollment
from cohorts.registration.selectors import (
    cohort_deadlines,
    course_access_open,
    may_use_course,
    open_cohorts,
    reviewable_cohorts,
)
from modules.access import PageAccess
from modules.models import ActivityKind, CoursePage, WorkshopSeriesPage
from pd_platform.accounts import roles
from pd_platform.homes import session_dates

from .discussions import cohorts_facilitated, discussion_links
from .materials import marks_on_page, page_progress
from .models import Submission
from .selectors import cohort_today
from .standing import status_word

PROGRAM_TYPES = (CoursePage, WorkshopSeriesPage)


def _program_of(page):
    return page if isinstance(page, PROGRAM_TYPES) else page.get_parent().specific


def program_access(request, page):
    """On a program's own page: how to take part."""
    user = request.user
    enrollment = (
        Enrollment.objects.filter(cohort__program=page, user=user)
        .exclude(status=Enrollment.Status.CANCELLED)
        .select_related("cohort")
        .order_by("-cohort__start_date")
        .first()
        if user.is_authenticated
        else None
    )
    if enrollment is not None:
        return PageAccess(
            True,
            "You are enrolled in a cohort of this program.",
            "My courses",
            reverse("cohorts:my_courses"),
            page_progress=page_progress(enrollment) if may_use_course(enrollment) else None,
        )
    upcoming = open_cohorts(program=page)
    if not upcoming:
        return PageAccess(True, "No cohort is open for registration right now.")
    first = upcoming[0]
    return PageAccess(
        True,
        f"Next cohort: {first.cohort.name}, starting {first.cohort.start_date:%A, %B} {first.cohort.start_date.day}, {first.cohort.start_date.year}.",
        "Register for a cohort",
        reverse("cohorts:register", args=[page.pk]),
    )


def activity_access(request, page):
    """On a module or workshop page: may this person see and do the activities?"""
    program = _program_of(page)
    register = ("Register for a cohort", reverse("cohorts:register", args=[program.pk]))
    user = request.user
    if not user.is_authenticated:
        return PageAccess(
            False,
            "Activities are for participants enrolled in a cohort. Log in, or register for a cohort to take part.",
            *register,
        )
    if roles.is_admin(user) or roles.is_facilitator(user):
        # Facilitators (and admins who facilitate) reach each cohort's discussion from the activity.
        facilitated = (
            cohorts_facilitated(user, program)
            if roles.is_admin(user)
            else list(reviewable_cohorts(user).filter(program=program).order_by("-start_date", "name"))
        )
        if roles.is_admin(user) or facilitated:
            return PageAccess(True, discussion_links=discussion_links(facilitated, page.activities.all()))

    enrollments = list(
        Enrollment.objects.filter(cohort__program=program, user=user)
        .exclude(status=Enrollment.Status.CANCELLED)
        .select_related("cohort")
    )
    if not enrollments:
        return PageAccess(False, "Activities are for participants enrolled in a cohort.", *register)
    entitled = [e for e in enrollments if may_use_course(e)]
    if not entitled:
        waiting = enrollments[0]
        if waiting.status == Enrollment.Status.WAITLISTED:
            return PageAccess(
                False, f"You are on the waitlist for {waiting.cohort.name}. We will email you if a place opens."
            )
        return PageAccess(
            False, "Complete your payment to open the course.", "My courses", reverse("cohorts:my_courses")
        )

    now = timezone.now()
    open_now = [e for e in entitled if course_access_open(e.cohort, now)]
    if open_now:
        enrollment = open_now[0]
        return PageAccess(
            True,
            activity_links=_links(enrollment, page),
            marks=marks_on_page(enrollment, page.pk),
            mark_url=reverse("coursework:mark_material", args=[enrollment.pk, page.pk]),
        )
    # Not started yet: the deadlines (no seat counts); one person is rarely in two cohorts of a program.
    deadlines = {e.cohort_id: cohort_deadlines(e.cohort) for e in entitled}
    first = min(entitled, key=lambda e: deadlines[e.cohort_id].access_opens)
    opens = deadlines[first.cohort_id].access_opens
    return PageAccess(
        False, f"Course access for {first.cohort.name} opens {local_text(opens, first.cohort.time_zone)}."
    )


def _links(enrollment, page):
    """Where this participant does each activity of the page, and its status word there (the rule of
    ``standing.status_word``: a workshop ahead says its session's date, not "Missing")."""
    statuses = dict(
        Submission.objects.filter(enrollment=enrollment, activity__page=page, follow_up__isnull=True).values_list(
            "activity__key", "status"
        )
    )
    activities = list(page.activities.all())  # prefetched by the page
    attended = any(a.kind == ActivityKind.ATTENDANCE for a in activities)
    session = session_dates([enrollment.cohort_id]).get((enrollment.cohort_id, page.pk)) if attended else None
    today = cohort_today(enrollment.cohort)
    links = {}
    for activity in activities:
        is_session = activity.kind == ActivityKind.ATTENDANCE
        word = status_word(
            statuses.get(activity.key, Submission.Status.MISSING),
            today,
            session if is_session else None,
            session=is_session,
        )
        links[activity.key] = (reverse("coursework:activity", args=[enrollment.pk, activity.key]), word.key, word.text)
    return links


def policy(request, page):
    if isinstance(page, PROGRAM_TYPES):
        return program_access(request, page)
    return activity_access(request, page)
