"""Training-hour reports in every format, with filters, for admins only."""

import csv
import io
from datetime import date, datetime, time
from decimal import Decimal

import pikepdf
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from cohorts.hours.models import HoursEntry
from modules.models import ProgramContactSettings
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory, HoursEntryFactory
from tests.pdf import is_tagged, pdf_text
from tests.pdfua import assert_pdf_ua, poppler_tagged_text

pytestmark = pytest.mark.django_db

HEADER_IN_WORDS = [  # the report's columns as HR and payroll read them
    "Email",
    "Name",
    "District",
    "School",
    "Program",
    "Cohort",
    "First date",
    "Last date",
    "PD hours",
    "Hours beyond contract",
    "Paid hours",
    "Training rate (USD)",
    "Pay (USD)",
]


@pytest.fixture
def ledger():
    factories.district(
        "Riverside Unified", training_rate=Decimal("45.00"), contract_start=time(8), contract_end=time(15, 30)
    )
    cohort = CohortFactory(name="Cohort 07")
    pays(cohort.program, True)
    ada = EnrollmentFactory(
        cohort=cohort,
        user=factories.participant(
            full_name="Ada Adams", email="ada@example.org", district="Riverside Unified", school="Lincoln"
        ),
    )
    bo = EnrollmentFactory(
        cohort=cohort,
        user=factories.participant(full_name="Bo Brown", email="bo@example.org", school="Oak"),  # in no district
    )
    for enrollment, day, total, beyond in [
        (ada, date(2030, 1, 14), "2.00", "2.00"),
        (ada, date(2030, 2, 4), "2.00", "1.00"),
        (bo, date(2030, 1, 14), "1.50", "0.00"),
    ]:
        HoursEntryFactory(enrollment=enrollment, date=day, hours=Decimal(total), hours_beyond_contract=Decimal(beyond))
    return cohort


def pays(program, paying):
    page = program.specific
    page.pays_training_rate = paying
    page.save_revision().publish()


def more_people(cohort, count, name="Teacher"):
    for i in range(count):
        HoursEntry.objects.create(
            enrollment=EnrollmentFactory(
                cohort=cohort, user=factories.participant(full_name=f"{name} {i:02d}", email=f"t{i:02d}@example.org")
            ),
            source=HoursEntry.Source.WORKSHOP,
            reference=f"more-{i}",
            date=date(2030, 3, 4),
            hours=Decimal("2.00"),
            hours_beyond_contract=Decimal("1.00"),
        )


def csv_lines(response):
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode()), "Excel on Windows needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def csv_rows(response):
    """The table under the report's heading lines: its header, then a row each."""
    lines = csv_lines(response)
    return lines[lines.index(HEADER_IN_WORDS) :]


def report(client, **params):
    return client.get("/reports/hours/", params)


def test_csv_has_the_columns_hours_and_pay_at_each_districts_rate(client, program_admin, ledger):
    client.force_login(program_admin)
    rows = csv_rows(report(client, format="csv"))
    assert rows[0] == HEADER_IN_WORDS
    by_email = {r[0]: r for r in rows[1:]}
    assert by_email["ada@example.org"][4:] == [
        "Learning-Based Grading",
        "Cohort 07",
        "2030-01-14",
        "2030-02-04",
        "4.00",
        "3.00",
        "3.00",
        "45.00",
        "135.00",  # 3 h x $45
    ]
    assert by_email["bo@example.org"][8:] == ["1.50", "0.00", "0.00", "50.00", "0.00"]


def test_a_to_date_before_the_from_date_is_refused_beside_its_field_not_an_empty_report(client, program_admin, ledger):
    client.force_login(program_admin)
    page = report(client, **{"from": "2030-02-01", "to": "2030-01-01"}).content.decode()
    assert "This is before the From date (February 1, 2030): choose a day on or after it." in page
    # The report goes on from the From date rather than showing nobody.
    rows = csv_rows(report(client, format="csv", **{"from": "2030-02-01", "to": "2030-01-01"}))
    assert sorted(r[0] for r in rows[1:]) == ["ada@example.org"]


def test_a_program_that_pays_no_training_rate_credits_pd_hours_but_no_pay(client, program_admin, ledger):
    pays(ledger.program, False)
    client.force_login(program_admin)
    ada = next(r for r in csv_rows(report(client, format="csv")) if r[0] == "ada@example.org")
    assert ada[8:] == ["4.00", "3.00", "0.00", "", "0.00"]


def test_filters_by_district_school_cohort_and_dates(client, program_admin, ledger):
    client.force_login(program_admin)

    def emails(**params):
        return sorted(r[0] for r in csv_rows(report(client, format="csv", **params))[1:])

    assert emails(district="riverside unified") == ["ada@example.org"]
    assert emails(school="Oak") == ["bo@example.org"]
    assert emails(cohort=ledger.pk) == ["ada@example.org", "bo@example.org"]
    assert emails(cohort=CohortFactory().pk) == []
    assert csv_rows(report(client, format="csv", **{"from": "2030-02-01"}))[1][8:] == [
        "2.00",
        "1.00",
        "1.00",
        "45.00",
        "45.00",
    ]


def test_xlsx_opens_ready_to_work_in(client, program_admin, ledger):
    client.force_login(program_admin)
    response = report(client, format="xlsx")
    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data)).active
    values = list(sheet.iter_rows(values_only=True))
    header = values.index(tuple(HEADER_IN_WORDS)) + 1  # under the report's heading lines
    assert header == 6 and sheet.freeze_panes == f"A{header + 1}"
    assert sheet.auto_filter.ref == f"A{header}:M{len(values) - 1}"
    ada_row = next(i for i, v in enumerate(values, 1) if v[0] == "ada@example.org")
    ada = values[ada_row - 1]
    assert ada[6] == datetime(2030, 1, 14) and sheet.cell(ada_row, 7).is_date
    assert sheet.cell(ada_row, 7).number_format == "yyyy-mm-dd"
    assert ada[8:] == (4.0, 3.0, 3.0, 45.0, 135.0)
    assert sheet.cell(ada_row, 9).data_type == "n" and sheet.cell(ada_row, 9).number_format == "0.00"
    assert sheet.cell(ada_row, 13).number_format == '"$"#,##0.00'
    assert sheet.cell(header, 1).font.bold
    # The totals row sums the rows the filters show (SUBTOTAL 109 leaves out hidden rows).
    total = values[-1]
    last = len(values)
    assert total[0] == "Total (the rows shown)"
    assert total[8] == f"=SUBTOTAL(109,I{header + 1}:I{last - 1})"
    assert total[12] == f"=SUBTOTAL(109,M{header + 1}:M{last - 1})"
    assert sum(row[8] for row in values[header:-1]) == 5.5 and sum(row[12] for row in values[header:-1]) == 135.0


def test_pdf_report_text(client, program_admin, ledger):
    client.force_login(program_admin)
    data = report(client, format="pdf").content
    text = pdf_text(data)
    assert "Training hours" in text and "ada@example.org" in text and "135.00" in text
    assert is_tagged(data)
    assert_pdf_ua(data)


@pytest.fixture
def organization(db):
    contact = ProgramContactSettings.load()
    contact.organization_name = "Valley County Office of Education"
    contact.save()
    return contact


def test_every_format_says_whose_report_what_it_shows_and_as_of_when(client, program_admin, ledger, organization):
    """HR and payroll file the report: each format carries the organisation, the filters chosen and the
    moment it was drawn, above columns headed in words."""
    client.force_login(program_admin)
    params = {"cohort": ledger.pk, "district": "Riverside Unified", "from": "2030-01-01", "to": "2030-06-30"}
    showing = (
        "Cohort: Cohort 07 (Learning-Based Grading); district: Riverside Unified; hours dated 2030-01-01 to 2030-06-30"
    )
    today = timezone.localtime()
    as_of = f"{today:%B} {today.day}, {today.year}"

    html = report(client, **params).text
    assert "Valley County Office of Education" in html and showing in html and f"As of {as_of}" in html
    assert all(f">{label}</th>" in html for label in HEADER_IN_WORDS)

    lines = csv_lines(report(client, format="csv", **params))
    assert lines[:3] == [
        ["Report", "Training hours"],
        ["Organisation", "Valley County Office of Education"],
        ["Showing", showing],
    ]
    assert lines[3][0] == "As of" and lines[3][1].startswith(as_of)
    assert lines[4] == HEADER_IN_WORDS

    sheet = load_workbook(io.BytesIO(b"".join(report(client, format="xlsx", **params).streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][:2] == ("Organisation", "Valley County Office of Education")
    assert values[2][:2] == ("Showing", showing) and values[3][1].startswith(as_of)
    assert list(values[5]) == HEADER_IN_WORDS

    text = " ".join(pdf_text(report(client, format="pdf", **params).content).split())
    assert "Valley County Office of Education" in text and showing in text and f"As of {as_of}" in text
    words = set(text.split())  # the narrow columns' headings wrap over lines
    assert {"Hours", "beyond", "contract", "Training", "rate"} <= words and not any("_" in w for w in words)


def test_without_an_organisation_or_filters_the_report_says_so_plainly(client, program_admin, ledger, organization):
    organization.organization_name = ""
    organization.save()
    client.force_login(program_admin)
    lines = csv_lines(report(client, format="csv"))
    assert [line[0] for line in lines[:3]] == ["Report", "Showing", "As of"]
    assert lines[1][1] == "Everyone: all cohorts, districts, schools and dates"
    html = report(client).text
    assert "Showing: Everyone: all cohorts, districts, schools and dates" in html and "None ·" not in html
    text = " ".join(pdf_text(report(client, format="pdf").content).split())
    assert "Training hours Showing: Everyone: all cohorts, districts, schools and dates · As of" in text


QUERIES_REPORT = 9  # each row carries its district's rate: no query of the rates apart


def test_screen_report_with_totals_and_charts(client, program_admin, ledger, django_assert_num_queries):
    client.force_login(program_admin)
    report(client)  # the session's first request also refreshes the session
    with django_assert_num_queries(QUERIES_REPORT):
        html = report(client).content.decode()
    assert "<strong>2</strong> participants" in html and "<strong>5.50</strong> PD hours" in html
    assert html.count('class="chart__bar"') == 2  # two weeks with hours
    # The chart's numbers as a table too: a screen reader (the chart is one image to it) and a phone read them.
    assert '<td>Jan 14</td><td class="num">3.50</td>' in html and '<td>Feb 04</td><td class="num">2.00</td>' in html
    assert "Completion by cohort" not in html  # certificates' business: the cohort progress page
    # Another cohort with more people and entries: the same queries.
    cohort = CohortFactory(name="Cohort 94")
    more_people(cohort, 6)
    with django_assert_num_queries(QUERIES_REPORT):
        assert "<strong>8</strong> participants" in report(client).content.decode()


def test_only_admins_see_reports(client, ledger):
    for person in (factories.participant(), factories.facilitator()):
        client.force_login(person)
        assert report(client).status_code == 403
        assert report(client, format="csv").status_code == 403


def test_command_writes_the_same_report(ledger, tmp_path):
    out = io.StringIO()
    call_command("training_hours_report", "--format", "csv", "--district", "Riverside Unified", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    rows = rows[rows.index(HEADER_IN_WORDS) :]
    assert rows[0][0] == "Email" and [r[0] for r in rows[1:]] == ["ada@example.org"]
    target = tmp_path / "hours.xlsx"
    call_command("training_hours_report", "--format", "xlsx", "--cohort", str(ledger.pk), "--output", str(target))
    sheet = load_workbook(target).active
    assert sheet.max_row == 9  # four heading lines, a blank row, the column headings, two people, totals
    assert sheet["B3"].value == f"Cohort: {ledger.name} ({ledger.program.title})"
    call_command(
        "training_hours_report", "--from", "2030-02-01", "--to", "2030-02-28", "--output", str(tmp_path / "h.csv")
    )
    assert (tmp_path / "h.csv").read_text().count("\n") == 6  # four heading lines, the column headings, Ada
    call_command(
        "training_hours_report",
        "--format",
        "pdf",
        "--district",
        "Riverside Unified",
        "--output",
        str(tmp_path / "h.pdf"),
    )
    text = pdf_text((tmp_path / "h.pdf").read_bytes())
    assert "ada@example.org" in text and "bo@example.org" not in text
    with pytest.raises(CommandError, match="PDF needs --output FILE"):
        call_command("training_hours_report", "--format", "pdf")


def test_the_old_address_of_the_report_still_answers(client, program_admin, ledger):
    """The report lived under /certificates/ before it had a room of its own: bookmarks work."""
    client.force_login(program_admin)
    response = client.get("/certificates/reports/hours/?format=csv&district=Riverside+Unified")
    assert response.status_code == 301
    assert response["Location"] == "/reports/hours/?format=csv&district=Riverside+Unified"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("day", ["9999-12-31", "1900-01-01"])
def test_a_date_outside_the_planning_years_filters_nothing_and_says_why(client, program_admin, ledger, day):
    client.force_login(program_admin)

    response = report(client, **{"from": day, "to": "2030-02-28"})

    assert response.status_code == 200
    assert "Give a date between the years 2000 and 2100." in response.text
    assert csv_rows(report(client, format="csv", **{"from": day})) == csv_rows(report(client, format="csv"))
    with pytest.raises(CommandError, match="Give a date between the years 2000 and 2100."):
        call_command("training_hours_report", "--from", day, stdout=io.StringIO())


def test_a_long_pdf_reads_as_one_tagged_document_numbered_throughout(ledger):
    """A report of many pages: the reader gets one document with one heading and one table whose header row is
    read once (and printed on every page), its rows all there, and every page numbered out of the whole."""
    from cohorts.hours import reports

    more_people(ledger, 40)
    data = reports.pdf_bytes(reports.ReportFilter())

    assert_pdf_ua(data)
    text = " ".join(pdf_text(data).split())
    assert "ada@example.org" in text and "bo@example.org" in text and "t39@example.org" in text
    assert text.count("Training hours") == 1
    pages = len(pikepdf.open(io.BytesIO(data)).pages)
    assert pages >= 3
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert text.count("Email") == pages
    read_aloud = poppler_tagged_text(data)
    assert "Hours beyond contract" in read_aloud, "a heading wrapped over three lines reads as three words"
    assert read_aloud.count("Email") == 1 and "t39@example.org" in read_aloud and "Page 1" not in read_aloud


def test_names_in_a_script_that_needs_shaping_are_printed_and_read_whole(ledger):
    """Hebrew is shaped right to left, which the direct writer does not do: such a report is rendered by the HTML
    engine, tagged the same, the name in it."""
    from cohorts.hours import reports

    more_people(ledger, 1, name="שרה כהן")
    data = reports.pdf_bytes(reports.ReportFilter())

    assert_pdf_ua(data)
    read_aloud = poppler_tagged_text(data)
    assert "t00@example.org" in read_aloud and "ada@example.org" in read_aloud
    assert all(letter in read_aloud for letter in "שרהכן")
