"""Evaluation and check-in answers as a CSV built in the background (pd_platform/exports.py): a program's
evaluation across every cohort a facilitator ran can be thousands of responses. Who may ask is who may read the
results page: a cohort's facilitators and the office; a facilitator's own results, or anyone's for the office."""

import csv
import io

from django.utils.text import slugify

from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import facilitated_cohort
from pd_platform import exports
from pd_platform.accounts import roles
from pd_platform.accounts.models import User
from pd_platform.spreadsheets import CSV_BOM, csv_row

from . import selectors, services
from .models import Response, Survey

COHORT_CSV = "evaluation-cohort-csv"
FACILITATOR_CSV = "evaluation-facilitator-csv"
PROGRESS_EVERY = 200


def cohort_scope(cohort, kind):
    """(survey or None, the enrollments its results cover, the file's name) of a cohort's evaluation or check-ins."""
    survey = services.survey_of(cohort.program_id, kind)
    return survey, Enrollment.objects.filter(cohort=cohort), slugify(f"{kind}-{cohort.program.title}-{cohort.name}")


def facilitator_scope(facilitator, program_id):
    """(survey or None, the enrollments of every cohort they facilitate in the program, the file's name)."""
    survey = services.survey_of(program_id, Survey.Kind.EVALUATION)
    cohorts = Cohort.objects.filter(facilitators=facilitator, program_id=program_id)
    name = slugify(f"evaluation-{survey.program.title}-{facilitator.full_name}") if survey else ""
    return survey, Enrollment.objects.filter(cohort__in=cohorts), name


def write_results_csv(survey, enrollments, target, progress=lambda done: None):
    """A header and one row per response (see ``selectors.csv_rows``: no names when anonymous, no rows while too
    few have answered an anonymous survey)."""
    text = io.TextIOWrapper(target, encoding="utf-8", newline="")
    writer = csv.writer(text)
    text.write(CSV_BOM)
    for done, row in enumerate(selectors.csv_rows(survey, enrollments)):
        writer.writerow(csv_row(row))
        if done and done % PROGRESS_EVERY == 0:
            progress(done)
    text.flush()
    text.detach()  # the job closes the file, not this wrapper


def _cohort(parameters):
    cohort = Cohort.objects.select_related("program").get(pk=parameters["cohort"])
    return cohort_scope(cohort, parameters["kind"])


def _facilitator(parameters):
    return facilitator_scope(User.objects.get(pk=parameters["facilitator"]), parameters["program"])


def _registered(kind, label, scope, allowed):
    def count(parameters):
        survey, enrollments, _name = scope(parameters)
        return Response.objects.filter(survey=survey, enrollment__in=enrollments).count()

    def write(parameters, target, progress):
        survey, enrollments, _name = scope(parameters)
        write_results_csv(survey, enrollments, target, progress)

    exports.register(
        kind,
        label,
        lambda parameters: f"{scope(parameters)[2]}.csv",
        "text/csv; charset=utf-8",
        allowed,
        count,
        write,
        units=("response", "responses"),
    )


_registered(
    COHORT_CSV,
    "Evaluation answers (CSV)",
    _cohort,
    lambda user, parameters: facilitated_cohort(user, parameters["cohort"]) is not None,
)
_registered(
    FACILITATOR_CSV,
    "Evaluation answers across a facilitator's cohorts (CSV)",
    _facilitator,
    lambda user, parameters: user.pk == parameters["facilitator"] or roles.is_admin(user),
)
