"""A cohort's gradebook as a CSV built in the background (pd_platform/exports.py): a large cohort's gradebook is
every participant times every required activity. For the cohort's facilitators and the office, as the page."""

import csv
import io

from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import facilitated_cohort
from pd_platform import exports
from pd_platform.spreadsheets import CSV_BOM, csv_row

from . import selectors

GRADEBOOK_CSV = "gradebook-csv"
# Rows between two progress reports: each is a write to the job's row.
PROGRESS_EVERY = 200


def _allowed(user, parameters):
    return facilitated_cohort(user, parameters["cohort"]) is not None


def _count(parameters):
    return Enrollment.objects.filter(cohort_id=parameters["cohort"], status=Enrollment.Status.REGISTERED).count()


def write_gradebook_csv(cohort, target, progress=lambda done: None):
    """The gradebook, one row per participant: e-mail, name, each required activity's status, and their progress."""
    activities, rows, _counts = selectors.gradebook(cohort)
    text = io.TextIOWrapper(target, encoding="utf-8", newline="")
    writer = csv.writer(text)
    text.write(CSV_BOM)
    writer.writerow(["email", "full_name", *[a.key for a in activities], "complete", "required", "needed"])
    for done, row in enumerate(rows, start=1):
        writer.writerow(
            csv_row(
                [
                    row.enrollment.user.email,
                    row.enrollment.user.full_name,
                    *row.cells,
                    row.progress.complete,
                    row.progress.required,
                    row.progress.needed,
                ]
            )
        )
        if done % PROGRESS_EVERY == 0:
            progress(done)
    text.flush()
    text.detach()  # the job closes the file, not this wrapper


def _write(parameters, target, progress):
    write_gradebook_csv(Cohort.objects.select_related("program").get(pk=parameters["cohort"]), target, progress)


exports.register(
    GRADEBOOK_CSV,
    "Gradebook (CSV)",
    lambda parameters: f"gradebook-cohort-{parameters['cohort']}.csv",
    "text/csv; charset=utf-8",
    _allowed,
    _count,
    _write,
    units=("participant", "participants"),
)
