"""The participant answers (evaluation, check-in); facilitators and admins read the results."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from cohorts.coursework.selectors import progress_of_enrollments
from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import enrollment_of, may_use_course, reviewable_cohorts
from pd_platform.accounts import roles
from pd_platform.accounts.models import User
from pd_platform.spreadsheets import CSV_BOM, csv_row

from . import selectors, services
from .models import LIKERT, Response, Survey


def _own_enrollment(request, enrollment_id):
    enrollment = enrollment_of(request.user, enrollment_id)
    if enrollment is None or not may_use_course(enrollment):
        raise Http404
    return enrollment


def _answer(request, enrollment, survey, occasion, heading, done_text):
    problems, posted = {}, {}
    if Response.objects.filter(survey=survey, enrollment=enrollment, occasion=occasion).exists():
        return render(request, "evaluations/answered.html", {"survey": survey, "enrollment": enrollment})
    if request.method == "POST":
        posted = {q.key: request.POST.get(q.key, "") for q in survey.questions.all()}
        try:
            services.submit_response(enrollment, survey, occasion, posted)
        except services.SurveyError as error:
            problems = error.args[0]
        else:
            messages.success(request, done_text)
            return redirect("dashboard")
    return render(
        request,
        "evaluations/answer.html",
        {
            "survey": survey,
            "enrollment": enrollment,
            "heading": heading,
            "questions": survey.questions.all(),
            "likert": LIKERT,
            "posted": posted,
            "problems": problems,
        },
        status=400 if problems else 200,
    )


@login_required
def evaluation(request, enrollment_id):
    enrollment = _own_enrollment(request, enrollment_id)
    survey = services.survey_of(enrollment.cohort.program_id, Survey.Kind.EVALUATION)
    if survey is None:
        raise Http404
    progress = progress_of_enrollments([enrollment])[enrollment.pk]
    if not services.evaluation_open(progress):
        # Offered (and accepted) only once the requirement is met: a form posted early keeps nothing.
        return render(
            request,
            "evaluations/not_yet.html",
            {"survey": survey, "enrollment": enrollment, "message": services.evaluation_not_yet(progress)},
            status=403 if request.method == "POST" else 200,
        )
    return _answer(
        request,
        enrollment,
        survey,
        services.END,
        f"{survey.title}: {enrollment.cohort.program.title}",
        "Thank you: your evaluation is in." + (" Your certificate follows." if survey.required_for_certificate else ""),
    )


@login_required
def checkin(request, enrollment_id):
    enrollment = _own_enrollment(request, enrollment_id)
    survey = services.survey_of(enrollment.cohort.program_id, Survey.Kind.CHECK_IN)
    answered = set(Response.objects.filter(enrollment=enrollment).values_list("occasion", flat=True))
    day = services.open_checkin_day(survey, services.completed_on(enrollment), answered)
    if day is None:
        raise Http404
    return _answer(
        request,
        enrollment,
        survey,
        services.checkin_occasion(day),
        f"{day}-day check-in: {enrollment.cohort.program.title}",
        "Thank you: your facilitator will read it.",
    )


def _results_page(request, survey, enrollments, title, filename):
    # While too few have answered an anonymous survey, the CSV is not offered: the page says why.
    if request.GET.get("format") == "csv" and not selectors.withheld_below(survey, enrollments):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write(CSV_BOM)
        writer = csv.writer(response)
        for row in selectors.csv_rows(survey, enrollments):
            writer.writerow(csv_row(row))
        return response
    return render(
        request,
        "evaluations/results.html",
        {"survey": survey, "title": title, "results": selectors.survey_results(survey, enrollments)},
    )


@login_required
def cohort_results(request, cohort_id, kind):
    """A cohort's evaluation or check-in results, for its facilitators and admins."""
    cohort = reviewable_cohorts(request.user).filter(pk=cohort_id).select_related("program").first()
    survey = cohort and services.survey_of(cohort.program_id, kind)
    if survey is None:
        raise Http404
    return _results_page(
        request,
        survey,
        Enrollment.objects.filter(cohort=cohort),
        f"{survey.get_kind_display()}: {cohort.program.title}, {cohort.name}",
        slugify(f"{kind}-{cohort.program.title}-{cohort.name}"),
    )


@login_required
def facilitator_results(request, user_id, program_id):
    """A facilitator's evaluation results across the cohorts they facilitate in a program: their
    own, or anyone's for an admin."""
    if request.user.pk != user_id and not roles.is_admin(request.user):
        raise Http404
    facilitator = User.objects.filter(pk=user_id).first()
    survey = services.survey_of(program_id, Survey.Kind.EVALUATION)
    if facilitator is None or survey is None:
        raise Http404
    cohorts = Cohort.objects.filter(facilitators=facilitator, program_id=program_id)
    return _results_page(
        request,
        survey,
        Enrollment.objects.filter(cohort__in=cohorts),
        f"Evaluation: {survey.program.title}, cohorts facilitated by {facilitator.full_name}",
        slugify(f"evaluation-{survey.program.title}-{facilitator.full_name}"),
    )
