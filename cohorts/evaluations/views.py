"""The participant answers (evaluation, check-in); facilitators and admins read the results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from cohorts.coursework.selectors import progress_of_enrollments
from cohorts.registration.selectors import enrollment_of, facilitated_cohort, may_use_course
from pd_platform.accounts import roles
from pd_platform.accounts.models import User
from pd_platform.export_views import start_and_show
from pd_platform.shortcuts import or_404

from . import exports, selectors, services
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
    survey = or_404(services.survey_of(enrollment.cohort.program_id, Survey.Kind.EVALUATION))
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
    day = or_404(services.open_checkin_day(survey, services.completed_on(enrollment), answered))
    return _answer(
        request,
        enrollment,
        survey,
        services.checkin_occasion(day),
        f"{day}-day check-in: {enrollment.cohort.program.title}",
        "Thank you: your facilitator will read it.",
    )


def _results_page(request, survey, enrollments, title, job):
    # While too few have answered an anonymous survey, the CSV is not offered: the page says why. The CSV (the old
    # link ``?format=csv``) is built in the background, its page showing its progress (exports.py).
    if request.GET.get("format") == "csv" and not selectors.withheld_below(survey, enrollments):
        return start_and_show(request, *job)
    return render(
        request,
        "evaluations/results.html",
        {"survey": survey, "title": title, "results": selectors.survey_results(survey, enrollments)},
    )


@login_required
def cohort_results(request, cohort_id, kind):
    """A cohort's evaluation or check-in results, for its facilitators and admins."""
    cohort = or_404(facilitated_cohort(request.user, cohort_id))
    found, enrollments, _name = exports.cohort_scope(cohort, kind)
    survey = or_404(found)
    return _results_page(
        request,
        survey,
        enrollments,
        f"{survey.get_kind_display()}: {cohort.program.title}, {cohort.name}",
        (exports.COHORT_CSV, {"cohort": cohort.pk, "kind": kind}),
    )


@login_required
def facilitator_results(request, user_id, program_id):
    """A facilitator's evaluation results across the cohorts they facilitate in a program: their
    own, or anyone's for an admin."""
    if request.user.pk != user_id and not roles.is_admin(request.user):
        raise Http404
    facilitator = User.objects.filter(pk=user_id).first()
    if facilitator is None:
        raise Http404
    survey, enrollments, _name = exports.facilitator_scope(facilitator, program_id)
    if survey is None:
        raise Http404
    return _results_page(
        request,
        survey,
        enrollments,
        f"Evaluation: {survey.program.title}, cohorts facilitated by {facilitator.full_name}",
        (exports.FACILITATOR_CSV, {"facilitator": facilitator.pk, "program": program_id}),
    )
