"""A district's student outcome figures: uploaded from the template, shown as supplied with their
source, and a file of student records refused whole."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from cohorts.impact.models import StudentOutcome
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside(db):
    return factories.district("Riverside Unified")


def upload(client, district, name, data):
    return client.post(f"/impact/districts/{district.pk}/outcomes/", {"file": SimpleUploadedFile(name, data)})


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    target = io.BytesIO()
    workbook.save(target)
    return target.getvalue()


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_template_filled_in_comes_back_as_figures_with_their_source(client, program_admin, riverside, extension):
    client.force_login(program_admin)
    template = client.get(f"/impact/outcomes-template.{extension}")
    assert template["Content-Disposition"] == f'attachment; filename="student-outcomes-template.{extension}"'

    response = upload(client, riverside, f"riverside-2026.{extension}", template.content)

    assert response.status_code == 302 and response["Location"] == f"/impact/districts/{riverside.pk}/"
    outcome = StudentOutcome.objects.get()
    assert (outcome.period, outcome.value, outcome.group_size) == ("2025-26", 61.5, 240)
    report = client.get(response["Location"]).text
    assert "Grade 8 students meeting the math standard (%) (2025-26), Riverside Unified" in report
    assert "61.5 (State test, all grade 8)" in report
    assert f"Supplied by Riverside Unified: riverside-2026.{extension}, uploaded" in report
    assert program_admin.full_name in report


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        (
            [("period", "measure", "value", "group_size", "Student Name"), ("2025-26", "Math", 3, 1, "Ada")],
            "Refused: the column 'Student Name' identifies students.",
        ),
        (
            [("student_id", "period", "measure", "value", "group_size"), (1042, "2025-26", "Math", 71, 30)],
            "Refused: the column 'student_id' identifies students.",
        ),
        (
            [("period", "measure", "value", "group_size", "score"), ("2025-26", "Math", 71, 30, 88)],
            "Refused: the columns score are not in the template.",
        ),
        (
            [("period", "measure", "value", "group_size"), ("2025-26", "Math", 71, 30), ("2025-26", "Math", 88, 1)],
            "Refused: row 3 is about 1 student.",
        ),
    ],
)
def test_student_records_are_refused_whole(client, program_admin, riverside, rows, reason):
    client.force_login(program_admin)

    response = upload(client, riverside, "records.xlsx", xlsx(rows))

    assert response.status_code == 200
    assert reason in response.text.replace("&#x27;", "'")
    assert 'aria-invalid="true"' in response.text
    assert StudentOutcome.objects.count() == 0


def test_only_the_office_uploads(client, facilitator, riverside):
    client.force_login(facilitator)
    assert upload(client, riverside, "x.csv", b"period,measure,value,group_size\n").status_code == 404
    assert client.get("/impact/outcomes-template.csv").status_code == 404
    assert StudentOutcome.objects.count() == 0
