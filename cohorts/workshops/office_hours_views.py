"""Office hours: the list (with seats) for participants and alumni, scheduling and attendance
for the facilitator who leads them."""

from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from modules.models import CoursePage, WorkshopSeriesPage
from pd_platform.dates import PlanningDateField
from pd_platform.shortcuts import or_404

from . import office_hours as service
from .calendar import office_hours_ics
from .rules import AttendanceStatus


class ScheduleOfficeHoursForm(forms.Form):
    program = forms.TypedChoiceField(label="Program", coerce=int)
    topic = forms.CharField(label="Topic", max_length=150, initial="Office hours")
    date = PlanningDateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label="Start time",
        widget=forms.TimeInput(attrs={"type": "time"}),
        initial="16:00",
        help_text=f"In the program office's time zone ({settings.TIME_ZONE}).",
    )
    minutes = forms.IntegerField(label="Length in minutes", min_value=15, max_value=240, initial=60)
    place = forms.CharField(label="Room or meeting link", max_length=255)
    capacity = forms.IntegerField(label="Seats", min_value=1, max_value=500, initial=12)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = programs


def _program_choices(user):
    ids = service.programs_led_by(user)
    pages = list(CoursePage.objects.filter(pk__in=ids)) + list(WorkshopSeriesPage.objects.filter(pk__in=ids))
    return [(page.pk, page.title) for page in sorted(pages, key=lambda p: p.title)]


@login_required
def office_hours(request):
    programs = _program_choices(request.user)
    form = ScheduleOfficeHoursForm(request.POST or None, programs=programs) if programs else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            zone = timezone.get_current_timezone()
            starts_at = timezone.make_aware(datetime.combine(data["date"], data["start_time"]), zone)
            try:
                service.schedule_office_hours(
                    request.user,
                    data["program"],
                    starts_at,
                    data["minutes"],
                    data["place"],
                    data["capacity"],
                    data["topic"],
                    time_zone=str(zone),
                )
            except service.OfficeHoursError as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(
                    request, "Office hours scheduled. Participants and alumni of the program can take a seat."
                )
                return redirect("workshops:office_hours")
    return render(
        request,
        "workshops/office_hours.html",
        {
            "rows": service.upcoming_for_participant(request.user),
            "form": form,
            "leading": service.led_by(request.user) if programs else [],
            "led_before": service.led_by(request.user, past=True) if programs else [],
        },
    )


@login_required
@require_POST
def seat(request, session_id):
    try:
        if request.POST.get("action") == "give-up":
            service.do_give_up_seat(request.user, session_id)
            messages.success(request, "Your seat is given back.")
        else:
            service.do_take_seat(request.user, session_id)
            messages.success(request, "Your seat is saved. Add it to your calendar; a reminder comes the day before.")
    except service.OfficeHoursError as error:
        messages.error(request, str(error))
    return redirect("workshops:office_hours")


@login_required
def office_hours_calendar(request, session_id):
    """The calendar entry, for a person with a seat or the facilitator leading it."""
    session = or_404(service.calendar_session(request.user, session_id))
    response = HttpResponse(office_hours_ics([session], session.topic), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="office-hours-{session.pk}.ics"'
    return response


def _attendance_rows(seats, posted=None):
    """What each row shows: what was just posted (sent back with a problem), else what is saved."""
    rows = []
    for item in seats:
        if posted is not None:
            status, minutes = posted.get(f"status-{item.pk}", ""), posted.get(f"minutes-{item.pk}", "")
        else:
            status = item.status
            minutes = item.minutes if item.status == AttendanceStatus.PARTIAL else ""
        rows.append({"seat": item, "status": status, "minutes": minutes})
    return rows


@login_required
def office_hours_attendance(request, session_id):
    session = or_404(service.led_session(request.user, session_id))
    seats = list(
        session.seats.filter(cancelled_at__isnull=True).select_related("enrollment__user").order_by("reserved_at")
    )
    problems = []
    if request.method == "POST":
        rows = {}
        for item in seats:
            minutes = request.POST.get(f"minutes-{item.pk}", "").strip()
            if status := request.POST.get(f"status-{item.pk}", ""):
                rows[item.pk] = (status, int(minutes) if minutes.isdigit() else None)
        try:
            service.record_office_hours_attendance(session, rows, request.user)
        except service.OfficeHoursError as error:
            problems = list(error.args)
        else:
            messages.success(request, "Attendance saved; the hours are credited.")
            return redirect("workshops:office_hours_attendance", session.pk)
    return render(
        request,
        "workshops/office_hours_attendance.html",
        {
            "session": session,
            "rows": _attendance_rows(seats, request.POST if problems else None),
            "problems": problems,
            "choices": AttendanceStatus.choices,
        },
        status=400 if problems else 200,
    )
