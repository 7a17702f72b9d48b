"""The impact report's pages: thin callers of the selectors and the exports."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize

from cohorts.registration.models import District
from modules.models import CoursePage, WorkshopSeriesPage
from pd_platform import district_panels
from pd_platform.shortcuts import or_404

from . import exports, outcomes, selectors, services
from .outcomes import OutcomeFileError
from .selectors import cohort_scope, district_scope, program_scope


@login_required
def index(request):
    cohorts, programs, districts = selectors.scopes_for(request.user)
    if not cohorts and not selectors.may_open_wide_reports(request.user):
        raise Http404
    return render(request, "impact/index.html", {"cohorts": cohorts, "programs": programs, "districts": districts})


def _report(request, scope):
    levels = selectors.impact_report(scope)
    wanted = request.GET.get("format")
    if wanted in ("xlsx", "pdf"):
        return exports.download(scope, levels, wanted)
    return render(
        request,
        "impact/report.html",
        {
            "scope": scope,
            "levels": levels,
            "minimum": selectors.minimum_group_size(),
            "may_upload": selectors.may_open_wide_reports(request.user),
        },
    )


@login_required
def cohort_report(request, cohort_id):
    cohort = or_404(selectors.cohort_for(request.user, cohort_id))
    return _report(request, cohort_scope(cohort))


def _office_only(request):
    if not selectors.may_open_wide_reports(request.user):
        raise Http404


@login_required
def program_report(request, program_id):
    _office_only(request)
    program = CoursePage.objects.filter(pk=program_id).first() or get_object_or_404(WorkshopSeriesPage, pk=program_id)
    return _report(request, program_scope(program))


@login_required
def district_report(request, district_id):
    """The office's, and the district's coordinator's (the district workspace says who coordinates which)."""
    district = district_panels.district_for(request.user, district_id)
    if district is None:
        raise Http404("No district of yours has this number.")
    return _report(request, district_scope(district))


class OutcomesForm(forms.Form):
    file = forms.FileField(
        label="Student outcome figures (CSV or XLSX)",
        help_text="Summary figures for groups of students, in the template's columns. Never student records.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


@login_required
def upload_outcomes(request, district_id):
    """The program office records the summary figures a district supplies (refusing student records)."""
    _office_only(request)
    district = get_object_or_404(District, pk=district_id)
    form = OutcomesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            kept = services.record_outcomes(district, upload.name, upload.read(), request.user)
        except OutcomeFileError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"{len(kept)} figure{pluralize(len(kept))} kept for {district.name}.")
            return redirect("impact:district", district.pk)
    return render(
        request,
        "impact/upload.html",
        {
            "district": district,
            "form": form,
            "supplied": district.student_outcomes.select_related("uploaded_by"),
            "minimum": selectors.minimum_group_size(),
        },
    )


@login_required
def outcomes_template(request, extension):
    _office_only(request)
    if extension == "csv":
        response = HttpResponse(outcomes.template_csv(), content_type="text/csv; charset=utf-8")
    elif extension == "xlsx":
        response = HttpResponse(outcomes.template_xlsx(), content_type=exports.XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="student-outcomes-template.{extension}"'
    return response
