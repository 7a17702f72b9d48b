"""A target set leaves the platform as files a teacher imports elsewhere, each in a format its
importer documents: Canvas's outcomes CSV (Outcomes > Import), Canvas's rubric CSV (Rubrics >
Import rubric), and a student-facing PDF."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify

from pd_platform.pdfs import tagged_pdf
from pd_platform.spreadsheets import csv_row

from .. import selectors

# Canvas's outcomes import (instructure_csv): the documented header; each rating is two trailing
# columns, points then description, under "ratings" and blank headers.
CANVAS_HEADER = [
    "vendor_guid",
    "object_type",
    "title",
    "description",
    "display_name",
    "calculation_method",
    "calculation_int",
    "mastery_points",
    "workflow_state",
    "parent_guids",
    "ratings",
    "",
    "",
    "",
]
# Mastery grading reads the latest evidence: a revision that shows mastery replaces the attempt.
CANVAS_RATINGS = ["1", "Mastery", "0", "In Progress"]
# Canvas's rubric import (Rubrics > Import rubric; its template and RubricCSVImporter): one row per
# criterion, the rubric's name on every row, then (name, description, points) for each rating, the
# most points first. No byte-order mark: the importer finds its columns by their exact names.
RUBRIC_HEADER = [
    "Rubric Name",
    "Criteria Name",
    "Criteria Description",
    "Criteria Enable Range",
    "Rating Name",
    "Rating Description",
    "Rating Points",
    "Rating Name",
    "Rating Description",
    "Rating Points",
]
RUBRIC_RATINGS = [
    "Mastery",
    "Shows the skill on their own, as the target says.",
    "1",
    "In Progress",
    "Not yet: revise with the feedback and try again.",
    "0",
]


def _filename(target_set, suffix):
    return f"{slugify(target_set.course_name) or 'learning-targets'}-{suffix}"


def _csv_response(rows, filename):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(csv_row(row))
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def canvas_rows(target_set):
    root = f"pd-set-{target_set.pk}"
    yield CANVAS_HEADER
    yield [root, "group", target_set.course_name, target_set.get_grade_band_display(), "", "", "", "", "active", "", ""]
    for group in target_set.groups.all():
        guid = f"pd-set-{target_set.pk}-group-{group.pk}"
        title = f"{group.code} {group.text}".strip()
        yield [guid, "group", title, group.get_kind_display(), group.code, "", "", "", "active", root, ""]
        for target in group.targets.all():
            yield [
                f"pd-set-{target_set.pk}-target-{target.pk}",
                "outcome",
                target.text,
                f"{group.get_kind_display()}: {group.text}",
                "",
                "latest",
                "",
                "1",
                "active",
                guid,
                *CANVAS_RATINGS,
            ]


def rubric_rows(target_set):
    """One Canvas rubric for the set: a criterion per target, rated Mastery (1) or In Progress (0)."""
    name = f"{target_set.course_name}: learning targets"
    yield RUBRIC_HEADER
    for group in target_set.groups.all():
        for target in group.targets.all():
            yield [name, target.text, f"{group.code} {group.text}".strip(), "false", *RUBRIC_RATINGS]


@login_required
def canvas_outcomes(request, pk):
    target_set = selectors.target_set_for(request.user, pk)
    return _csv_response(canvas_rows(target_set), _filename(target_set, "canvas-outcomes.csv"))


@login_required
def rubric_csv(request, pk):
    target_set = selectors.target_set_for(request.user, pk)
    return _csv_response(rubric_rows(target_set), _filename(target_set, "canvas-rubric.csv"))


@login_required
def targets_pdf(request, pk):
    target_set = selectors.target_set_for(request.user, pk)
    pdf = tagged_pdf(
        "toolkit/pdf/targets.html",
        {
            "title": f"Learning targets: {target_set.course_name}",
            "target_set": target_set,
            "groups": target_set.groups.all(),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(target_set, "targets.pdf")}"'
    return response
