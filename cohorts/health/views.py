import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from cohorts.workshops.selectors import runs_workshops
from pd_platform import district_panels
from pd_platform.shortcuts import or_404
from pd_platform.spreadsheets import CSV_BOM, csv_row

from . import charts, selectors, services


def _cohort_or_404(request, cohort_id):
    return or_404(selectors.health_cohort(request.user, cohort_id), "No cohort of yours has this number.")


@login_required
def cohort_health(request, cohort_id):
    """A cohort's flags (each with its reason and a nudge) and its charts, for its facilitators and the office."""
    cohort = _cohort_or_404(request, cohort_id)
    shown = charts.cohort_charts(selectors.cohort_figures(cohort), runs_workshops(cohort.program))
    wanted = request.GET.get("csv")
    if wanted:
        chart = or_404(next((c for c in shown if c.key == wanted), None), "No such chart.")
        return _chart_csv(f"{cohort.program.title} {cohort.name} {chart.key}", chart)
    people = selectors.cohort_people(cohort)
    return render(
        request,
        "health/cohort.html",
        {
            "cohort": cohort,
            "flagged": [p for p in people if p.flags],
            "people": len(people),
            "charts": shown,
        },
    )


def _chart_csv(name, chart):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.csv"'
    response.write(CSV_BOM)
    writer = csv.writer(response)
    writer.writerow(chart.columns)
    for row in chart.rows:
        writer.writerow(csv_row(row))
    return response


@login_required
@require_POST
def nudge(request, cohort_id, enrollment_id):
    """Send the nudge about one flag, which must still hold for a participant of a cohort this person may see."""
    cohort = _cohort_or_404(request, cohort_id)
    person = or_404(selectors.person_health(cohort, enrollment_id), "No participant of this cohort has this number.")
    reason, period = request.POST.get("reason", ""), request.POST.get("period", "")
    flag = next((f for f in person.flags if (f.reason, f.period) == (reason, period)), None)
    name = person.enrollment.user.full_name or person.enrollment.user.email
    if flag is None:
        messages.info(request, f"That flag has cleared for {name}: nothing was sent.")
    else:
        try:
            sent = services.send_nudge(person, flag, request.user)
        except services.NudgeRefused as refused:
            messages.warning(request, f"Nothing was sent: {refused}")
        else:
            if sent:
                messages.success(request, f"{name} was sent “{flag.subject}”.")
            else:
                messages.info(request, f"{name} had this nudge already: nothing more was sent.")
    return redirect(reverse("health:cohort", args=[cohort.pk]) + f"#person-{enrollment_id}")


@login_required
def district_health(request, district_id):
    """A district coordinator's view: their people in the cohorts that have not ended, with their flags (read-only:
    the cohort's facilitators send the nudges) and the charts of their work; ``?cohort=<id>&csv=<chart>``: one
    chart's figures as CSV."""
    district = or_404(district_panels.district_for(request.user, district_id), "No district of yours has this number.")
    wanted = request.GET.get("csv")
    if wanted:
        cohort_id = request.GET.get("cohort", "")
        found = selectors.district_cohort_charts(district, int(cohort_id)) if cohort_id.isdecimal() else None
        item = or_404(found, "None of your people is in a running cohort with this number.")
        chart = or_404(next((c for c in item.charts if c.key == wanted), None), "No such chart.")
        return _chart_csv(f"{district.name} {item.program_title} {item.cohort.name} {chart.key}", chart)
    return render(
        request, "health/district.html", {"district": district, "health": selectors.district_health(district)}
    )
