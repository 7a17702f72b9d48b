"""Workshop cohorts: sessions, attendance on a phone, calendars, the group-size rule."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import calendar, selectors, workshops
from .forms import SessionForm
from .models import Attendance, Enrollment, WorkshopSession

FEED_SALT = "cohorts.calendar-feed"


def _facilitated(request, cohort_id):
    cohort = selectors.reviewable_cohorts(request.user).filter(pk=cohort_id).select_related("program").first()
    if cohort is None:
        raise Http404
    return cohort


@login_required
def sessions(request, cohort_id):
    cohort = _facilitated(request, cohort_id)
    if request.method == "POST":
        try:
            first = date.fromisoformat(request.POST.get("first_date", ""))
        except ValueError:
            messages.error(request, "Give the first workshop's date.")
        else:
            try:
                workshops.schedule_sessions(cohort, first, request.POST.get("start_time") or workshops.DEFAULT_START,
                                            request.POST.get("place", ""))
            except (workshops.WorkshopError, ValueError) as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Sessions proposed about three weeks apart; move any that do not suit.")
        return redirect("cohorts:sessions", cohort.pk)
    confirmed, registered, minimum = workshops.group_status(cohort)
    return render(request, "cohorts/sessions.html", {
        "cohort": cohort, "sessions": cohort.sessions.select_related("workshop", "facilitator"),
        "confirmed": confirmed, "registered": registered, "minimum": minimum,
    })


@login_required
def edit_session(request, session_id):
    session = get_object_or_404(WorkshopSession.objects.select_related("cohort", "workshop"), pk=session_id)
    _facilitated(request, session.cohort_id)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{session.workshop.title} moved to {session.date:%A, %B %-d}.")
        return redirect("cohorts:sessions", session.cohort_id)
    return render(request, "cohorts/edit_session.html", {"session": session, "form": form})


@login_required
def attendance(request, session_id):
    session = get_object_or_404(WorkshopSession.objects.select_related("cohort", "workshop"), pk=session_id)
    _facilitated(request, session.cohort_id)
    enrollments = list(
        session.cohort.enrollments.filter(status=Enrollment.Status.REGISTERED).select_related("user").order_by("user__full_name")
    )
    if request.method == "POST":
        errors = []
        for enrollment in enrollments:
            status = request.POST.get(f"status-{enrollment.pk}")
            if not status:
                continue
            override = {"yes": True, "no": False}.get(request.POST.get(f"outside-{enrollment.pk}", ""))
            try:
                workshops.record_attendance(session, enrollment, status, request.POST.get(f"minutes-{enrollment.pk}"),
                                            request.user, outside_contract=override)
            except workshops.WorkshopError as error:
                errors.append(f"{enrollment.user.full_name}: {error}")
        for error in errors:
            messages.error(request, error)
        if not errors:
            messages.success(request, "Attendance saved.")
        return redirect("cohorts:attendance", session.pk)
    recorded = {a.enrollment_id: a for a in Attendance.objects.filter(session=session)}
    rows = [(e, recorded.get(e.pk)) for e in enrollments]
    return render(request, "cohorts/attendance.html", {"session": session, "rows": rows})


def _ics_response(events, filename, name):
    response = HttpResponse(calendar.ics(events, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def my_sessions_ics(request, enrollment_id):
    enrollment = selectors.enrollment_of(request.user, enrollment_id)
    if enrollment is None:
        raise Http404
    sessions = enrollment.cohort.sessions.select_related("workshop", "cohort__program")
    return _ics_response(sessions, f"{enrollment.cohort.name}.ics", enrollment.cohort.program.title)


def feed_url(user):
    token = signing.dumps(user.pk, salt=FEED_SALT)
    return reverse("cohorts:calendar_feed", args=[token])


def calendar_feed(request, token):
    """A per-person feed calendar apps subscribe to: no login, an unguessable signed token."""
    try:
        user_id = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        raise Http404 from None
    sessions = WorkshopSession.objects.filter(
        cohort__enrollments__user_id=user_id, cohort__enrollments__status=Enrollment.Status.REGISTERED
    ).select_related("workshop", "cohort__program")
    return _ics_response(sessions, "workshops.ics", "Workshops")
