"""Workshop cohorts: sessions, attendance on a phone, calendars, the group-size rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseGone
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cohorts.registration.models import Enrollment
from cohorts.registration.selectors import enrollment_of, facilitated_cohort
from pd_platform.shortcuts import or_404

from . import calendar, feeds, selectors, services
from .forms import AttendanceForm, ScheduleSessionsForm, SessionForm
from .models import Attendance, WorkshopSession


@login_required
def sessions(request, cohort_id):
    cohort = or_404(facilitated_cohort(request.user, cohort_id))
    if not selectors.runs_workshops(cohort.program):
        raise Http404  # an online-only course has no sessions to schedule or attend
    form = ScheduleSessionsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_sessions(
                cohort, form.cleaned_data["first_date"], form.cleaned_data["start_time"], form.cleaned_data["place"]
            )
        except services.WorkshopError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Sessions proposed about three weeks apart; move any that do not suit.")
            return redirect("workshops:sessions", cohort.pk)
    confirmed, registered, minimum = selectors.group_status(cohort)
    return render(
        request,
        "workshops/sessions.html",
        {
            "cohort": cohort,
            "sessions": cohort.sessions.select_related("workshop", "facilitator"),
            "confirmed": confirmed,
            "registered": registered,
            "minimum": minimum,
            "still_needed": max(minimum - registered, 0),
            "form": form,
        },
    )


@login_required
def edit_session(request, session_id):
    session = get_object_or_404(WorkshopSession.objects.select_related("cohort", "workshop"), pk=session_id)
    or_404(facilitated_cohort(request.user, session.cohort_id))  # its cohort's facilitators (and admins) only
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        session = services.edit_session(session, **form.cleaned_data)
        where = session.place or "room not set yet"
        messages.success(request, f"Saved: {session.workshop.title} on {session.date:%A, %B %-d}, {where}.")
        return redirect("workshops:sessions", session.cohort_id)
    return render(request, "workshops/edit_session.html", {"session": session, "form": form})


@login_required
def attendance(request, session_id):
    session = get_object_or_404(WorkshopSession.objects.select_related("cohort", "workshop"), pk=session_id)
    or_404(facilitated_cohort(request.user, session.cohort_id))  # its cohort's facilitators (and admins) only
    enrollments = list(
        session.cohort.enrollments.filter(status=Enrollment.Status.REGISTERED)
        .select_related("user")
        .order_by("user__full_name")
    )
    form = AttendanceForm(request.POST or None, session=session, enrollments=enrollments)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_session_attendance(session, form.rows(), request.user)
        except services.WorkshopError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"Attendance saved for {session.workshop.title}: it shows in the gradebook and the hours."
            )
            return redirect("workshops:attendance", session.pk)
    recorded = {a.enrollment_id: a for a in Attendance.objects.filter(session=session)}
    rows = [_attendance_row(form, e, recorded.get(e.pk)) for e in enrollments]
    return render(
        request,
        "workshops/attendance.html",
        {
            "session": session,
            "rows": rows,
            "unrecorded": sum(1 for e in enrollments if e.pk not in recorded),
            "form": form,
            "status_choices": Attendance.Status.choices,
        },
    )


def _attendance_row(form, enrollment, record):
    """What the row shows: what was just posted (when the form is sent back with errors), else what is saved."""
    pk = enrollment.pk
    if form.is_bound:
        posted = form.data
        status, minutes, outside = (
            posted.get(f"status-{pk}", ""),
            posted.get(f"minutes-{pk}", ""),
            posted.get(f"outside-{pk}", ""),
        )
    else:
        status = record.status if record else ""
        minutes = record.minutes if record and record.status == Attendance.Status.PARTIAL else ""
        outside = {True: "yes", False: "no"}.get(record.outside_contract, "") if record else ""
    return {
        "enrollment": enrollment,
        "status": status,
        "minutes": minutes,
        "outside": outside,
        "errors": form.errors_for(enrollment) if form.is_bound else [],
    }


def _ics_response(events, filename, name):
    response = HttpResponse(calendar.ics(events, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def my_sessions_ics(request, enrollment_id):
    enrollment = or_404(enrollment_of(request.user, enrollment_id))
    sessions = enrollment.cohort.sessions.select_related("workshop", "cohort__program")
    return _ics_response(sessions, f"{enrollment.cohort.name}.ics", enrollment.cohort.program.title)


# The address of a person's feed (My courses shows it; the authorization matrix reads it here).
feed_url = feeds.feed_url


def calendar_feed(request, token):
    """A per-person feed calendar apps subscribe to: no login, an unguessable signed address; one its owner
    replaced answers 410 Gone, so calendar apps stop asking."""
    try:
        user_id = feeds.owner_of(token)
    except feeds.Retired:
        return HttpResponseGone("This calendar address was replaced: subscribe with the new one from My courses.")
    if user_id is None:
        raise Http404
    sessions = WorkshopSession.objects.filter(
        cohort__enrollments__user_id=user_id, cohort__enrollments__status=Enrollment.Status.REGISTERED
    ).select_related("workshop", "cohort__program")
    return _ics_response(sessions, "workshops.ics", "Workshops")


@login_required
@require_POST
def reset_calendar_feed(request):
    """A new feed address for the signed-in person, when the old one went where it should not."""
    services.reset_calendar_feed(request.user)
    messages.success(
        request,
        "Your calendar feed has a new address: the old one no longer works. "
        "In your calendar app, remove the old subscription and subscribe with the new link below.",
    )
    return redirect("cohorts:my_courses")
