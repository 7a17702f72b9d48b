"""Training-hour reports: hours, hours beyond contract and pay at the training rate.

Rows are aggregated in the database and streamed, so a report of 10,000 participants never
holds 10,000 rows in memory at once.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice

from django.conf import settings
from django.db.models import F, Max, Min, Sum
from django.db.models.functions import TruncWeek
from django.utils import formats, timezone

from cohorts.registration.models import Enrollment
from pd_platform.spreadsheets import CSV_BOM, csv_row, xlsx_row

from .models import HoursEntry

# Each column: what the code calls it, and the heading HR and payroll read (in every format).
COLUMNS = [
    ("email", "Email"),
    ("full_name", "Name"),
    ("district", "District"),
    ("school", "School"),
    ("program", "Program"),
    ("cohort", "Cohort"),
    ("first_date", "First date"),
    ("last_date", "Last date"),
    ("pd_hours", "PD hours"),
    ("hours_beyond_contract", "Hours beyond contract"),
    ("paid_hours", "Paid hours"),
    ("training_rate", "Training rate (USD)"),
    ("pay_amount", "Pay (USD)"),
]
KEYS = [key for key, _ in COLUMNS]
HEADER = [label for _, label in COLUMNS]
HOURS_COLUMNS = ("pd_hours", "hours_beyond_contract", "paid_hours")
MONEY_COLUMNS = ("training_rate", "pay_amount")
DATE_COLUMNS = ("first_date", "last_date")


@dataclass(frozen=True)
class ReportFilter:
    cohort_id: int | None = None
    district: str = ""
    school: str = ""
    start: date | None = None
    end: date | None = None

    def entries(self):
        queryset = HoursEntry.objects.exclude(enrollment__status=Enrollment.Status.CANCELLED)
        if self.cohort_id:
            queryset = queryset.filter(enrollment__cohort_id=self.cohort_id)
        if self.district:  # the district the platform knows the person in, never one they typed
            queryset = queryset.filter(
                enrollment__user__district_membership__district__name__iexact=self.district.strip()
            )
        if self.school:
            queryset = queryset.filter(enrollment__user__school__iexact=self.school.strip())
        if self.start:
            queryset = queryset.filter(date__gte=self.start)
        if self.end:
            queryset = queryset.filter(date__lte=self.end)
        return queryset

    def parameters(self):
        """The filter as JSON can keep it (a background export's parameters)."""
        return {
            "cohort_id": self.cohort_id,
            "district": self.district,
            "school": self.school,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }

    @classmethod
    def from_parameters(cls, parameters):
        dates = {key: date.fromisoformat(parameters[key]) if parameters.get(key) else None for key in ("start", "end")}
        return cls(
            cohort_id=parameters.get("cohort_id"),
            district=parameters.get("district", ""),
            school=parameters.get("school", ""),
            **dates,
        )

    def participants(self):
        """How many rows the report has (one per participant and cohort)."""
        return self.entries().values("enrollment_id").distinct().count()


@dataclass(frozen=True)
class Heading:
    """What every format of the report says above its table: whose report, what it shows, and when
    it was drawn (hours keep being credited, so a printed report is true as of a moment)."""

    title: str
    organization: str
    filters: str
    as_of: datetime

    @property
    def as_of_text(self):
        return formats.date_format(timezone.localtime(self.as_of), "F j, Y, g:i A T")

    def lines(self):
        """(label, value) pairs for the lines above a CSV or XLSX table; no organisation line when none is set."""
        return [
            ("Report", self.title),
            *([("Organisation", self.organization)] if self.organization else []),
            ("Showing", self.filters),
            ("As of", self.as_of_text),
        ]


def describe(report_filter: ReportFilter):
    """The filters chosen, in words: "Cohort: Cohort 07 (Learning-Based Grading); district: Riverside Unified"."""
    from cohorts.registration.models import Cohort

    parts = []
    if report_filter.cohort_id:
        cohort = Cohort.objects.filter(pk=report_filter.cohort_id).select_related("program").first()
        parts.append(f"cohort: {cohort.name} ({cohort.program.title})" if cohort else "cohort: none such")
    if report_filter.district:
        parts.append(f"district: {report_filter.district}")
    if report_filter.school:
        parts.append(f"school: {report_filter.school}")
    start, end = report_filter.start, report_filter.end
    if start or end:
        dates = f"{start:%Y-%m-%d} to {end:%Y-%m-%d}" if start and end else None
        dates = dates or (f"from {start:%Y-%m-%d}" if start else f"up to {end:%Y-%m-%d}")
        parts.append(f"hours dated {dates}")
    if not parts:
        return "Everyone: all cohorts, districts, schools and dates"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def heading(report_filter: ReportFilter, title="Training hours", now=None):
    from modules.models import ProgramContactSettings

    organization = (ProgramContactSettings.load().organization_name or "").strip()
    return Heading(title, organization, describe(report_filter), now or timezone.now())


CENT = Decimal("0.01")


def _money(value) -> Decimal:
    """Sums come back as 4 on SQLite and 4.00 on PostgreSQL: report them the same way."""
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


def paying_programs():
    """Programs that pay the training rate for hours beyond contract (every program credits PD hours)."""
    from modules.models import CoursePage, WorkshopSeriesPage

    paying = set(CoursePage.objects.filter(pays_training_rate=True).values_list("pk", flat=True))
    return paying | set(WorkshopSeriesPage.objects.filter(pays_training_rate=True).values_list("pk", flat=True))


def rows(report_filter: ReportFilter):
    """One row per participant and cohort, streamed from the database: PD hours for every program,
    paid hours and pay only where the program pays the training rate."""
    default = Decimal(str(settings.TRAINING_RATE_DEFAULT))
    paying = paying_programs()
    aggregated = (
        report_filter.entries()
        .values("enrollment_id")
        .annotate(
            email=F("enrollment__user__email"),
            full_name=F("enrollment__user__full_name"),
            district=F("enrollment__user__district_membership__district__name"),
            rate=F("enrollment__user__district_membership__district__training_rate"),
            school=F("enrollment__user__school"),
            cohort=F("enrollment__cohort__name"),
            program=F("enrollment__cohort__program__title"),
            program_id=F("enrollment__cohort__program_id"),
            first=Min("date"),
            last=Max("date"),
            hours_total=Sum("hours"),
            hours_beyond=Sum("hours_beyond_contract"),
        )
        .order_by("enrollment__cohort_id", "enrollment__user__full_name", "enrollment_id")
    )
    for row in aggregated.iterator(chunk_size=2000):
        beyond = _money(row["hours_beyond"])
        pays = row["program_id"] in paying
        rate = default if row["rate"] is None else row["rate"]
        paid = beyond if pays else _money(0)
        yield [
            row["email"],
            row["full_name"],
            row["district"] or "",
            row["school"],
            row["program"],
            row["cohort"],
            row["first"],
            row["last"],
            _money(row["hours_total"]),
            beyond,
            paid,
            _money(rate) if pays else None,
            _money(paid * rate) if pays else _money(0),
        ]


def totals(report_filter: ReportFilter):
    """Participants, PD hours and hours beyond contract (whether or not the program pays for them)."""
    result = report_filter.entries().aggregate(hours=Sum("hours"), beyond=Sum("hours_beyond_contract"))
    participants = report_filter.participants()
    return {"participants": participants, "hours": _money(result["hours"]), "beyond": _money(result["beyond"])}


def hours_per_week(report_filter: ReportFilter, weeks=16):
    weekly = (
        report_filter.entries()
        .annotate(week=TruncWeek("date"))
        .values("week")
        .annotate(hours=Sum("hours"))
        .order_by("-week")[:weeks]
    )
    return list(reversed(list(weekly)))


def _csv_value(value):
    return value.isoformat() if isinstance(value, date) else ("" if value is None else value)


def csv_chunks(report_filter: ReportFilter, now=None):
    """CSV as Excel on Windows opens it: UTF-8 with a byte-order mark, dates as ISO dates. The report's
    heading lines (organisation, what it shows, as of when) come first, then the table. No blank line between:
    programs reading the file row by row take a row's first cell, and every line has one."""
    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    writer = csv.writer(buffer)
    for line in heading(report_filter, now=now).lines():
        writer.writerow(csv_row(line))
    writer.writerow(HEADER)
    for i, row in enumerate(rows(report_filter), 1):
        writer.writerow(csv_row([_csv_value(value) for value in row]))
        if i % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_xlsx(report_filter: ReportFilter, target, now=None, progress=None):
    """An XLSX people can work in: the report's heading lines, then a frozen header with filters, hours and
    dollars as numbers with their formats, dates as dates, and a totals row that sums what the filters
    show. Written row by row (openpyxl write-only mode), so memory stays flat."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Training hours")
    lines = heading(report_filter, now=now).lines()
    header_row = len(lines) + 2  # the heading lines, a blank row, the column headings
    sheet.freeze_panes = f"A{header_row + 1}"
    for index in range(1, len(HEADER) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 30 if index <= 6 else 14
    cell_formats = dict.fromkeys(HOURS_COLUMNS, "0.00")
    cell_formats.update(dict.fromkeys(MONEY_COLUMNS, '"$"#,##0.00'))
    cell_formats.update(dict.fromkeys(DATE_COLUMNS, "yyyy-mm-dd"))
    number_formats = [cell_formats.get(name) for name in KEYS]
    bold = Font(bold=True)
    for label, value in lines:
        sheet.append([*xlsx_row(sheet, [label], font=bold), *xlsx_row(sheet, [value])])
    sheet.append([])
    sheet.append(xlsx_row(sheet, HEADER, font=bold))
    count = 0
    for row in rows(report_filter):
        values = [float(value) if isinstance(value, Decimal) else value for value in row]
        sheet.append(xlsx_row(sheet, values, number_formats=number_formats))
        count += 1
        if progress and count % 500 == 0:
            progress(count)
    first, last = header_row + 1, header_row + count

    def column(name):
        return get_column_letter(KEYS.index(name) + 1)

    sums = {
        name: f"=SUBTOTAL(109,{column(name)}{first}:{column(name)}{last})" for name in (*HOURS_COLUMNS, "pay_amount")
    }
    totals_row = ["Total (the rows shown)", *[sums.get(name) for name in KEYS[1:]]]
    sheet.append(xlsx_row(sheet, totals_row, font=bold, number_formats=number_formats, formulas=True))
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(HEADER))}{last}"
    workbook.save(target)


# Rows per part when the PDF is rendered by WeasyPrint (a report with text the direct writer does not draw):
# WeasyPrint lays out each part whole, so this bounds the memory a PDF takes.
PDF_ROWS_PER_PART = 250
# Rows between the progress reports of a PDF being written (a background export's progress bar).
PDF_PROGRESS_ROWS = 250
PDF_PAGE = "size: letter landscape; margin: 1.2cm"
# Fixed column widths (per cent; name, email, district, school, program, cohort, dates, then the numbers): every
# part's table lines up with the others, and WeasyPrint need not measure every cell to size the columns.
PDF_COLUMN_WIDTHS = (11, 16, 8, 8, 11, 8, 10, 5, 6, 5, 6, 6)
# The PDF's columns in the order it shows them: the row's index in ``rows``, its heading, whether it is a number.
PDF_COLUMNS = [
    (1, "Name"),
    (0, "Email"),
    (2, "District"),
    (3, "School"),
    (4, "Program"),
    (5, "Cohort"),
    (6, "Dates"),
    (8, "PD hours"),
    (9, "Hours beyond contract"),
    (10, "Paid hours"),
    (11, "Training rate (USD)"),
    (12, "Pay (USD)"),
]
PDF_NUMBERS = 7  # the columns from the eighth on are numbers, right-aligned


def _pdf_date(value):
    return value.strftime("%Y-%m-%d") if value else ""


def _pdf_cells(row):
    """A row as the PDF prints it: dates as one span ("2030-01-07 to 2030-03-25"), no rate as a dash."""
    first, last = _pdf_date(row[6]), _pdf_date(row[7])
    dates = first if row[7] == row[6] else f"{first} to {last}"
    cells = []
    for index, _ in PDF_COLUMNS:
        if index == 6:
            cells.append(dates)
        elif index == 11 and row[11] is None:
            cells.append("—")
        else:
            cells.append("" if row[index] is None else str(row[index]))
    return cells


def _pdf_heading_lines(report_heading, report_totals):
    organization = f"{report_heading.organization} · " if report_heading.organization else ""
    return [
        f"{organization}Showing: {report_heading.filters} · As of {report_heading.as_of_text}",
        f"{report_totals['participants']} participants · {report_totals['hours']} PD hours · "
        f"{report_totals['beyond']} beyond contract (paid only where the program pays the training rate)",
    ]


def write_pdf(report_filter: ReportFilter, target, title="Training hours", now=None, progress=None):
    """The report as a tagged PDF (a table a screen reader can follow), headed with the organisation,
    what it shows and as of when, written to ``target`` (a binary file). Written directly, a page at a time
    (pd_platform/table_pdf.py), so memory stays flat however many rows there are; ``progress(rows done)`` is
    told every PDF_PROGRESS_ROWS rows. A report with text the direct writer does not draw (a script it cannot shape) is
    rendered by WeasyPrint instead. Returns the number of pages."""
    from pd_platform.table_pdf import CannotDraw, Column, write_table_pdf

    report_heading, report_totals = heading(report_filter, title, now), totals(report_filter)
    columns = [
        Column(label, width, numeric=position >= PDF_NUMBERS)
        for position, ((_, label), width) in enumerate(zip(PDF_COLUMNS, PDF_COLUMN_WIDTHS, strict=True))
    ]
    try:
        return write_table_pdf(
            target,
            title=title,
            heading_lines=_pdf_heading_lines(report_heading, report_totals),
            columns=columns,
            rows=lambda: (_pdf_cells(row) for row in rows(report_filter)),
            progress=progress,
            progress_every=PDF_PROGRESS_ROWS,
        )
    except CannotDraw:
        return _write_pdf_with_weasyprint(report_filter, target, title, report_heading, report_totals, progress)


def _write_pdf_with_weasyprint(report_filter, target, title, report_heading, report_totals, progress):
    """The same PDF rendered by WeasyPrint PDF_ROWS_PER_PART rows at a time and joined (slow: about 20 ms a row),
    for text WeasyPrint's shaping and font fallback must draw."""
    from pd_platform.pdfs import write_tagged_pdf_in_parts

    common = {"title": title, "header": HEADER, "page_style": PDF_PAGE, "column_widths": PDF_COLUMN_WIDTHS}

    def parts():
        stream = rows(report_filter)
        done = 0
        first = True
        while True:
            chunk = list(islice(stream, PDF_ROWS_PER_PART))
            if not chunk and not first:
                return
            context = {**common, "rows": chunk, "first": first}
            if first:
                context.update(totals=report_totals, heading=report_heading)
            yield context
            done += len(chunk)
            first = False
            if progress:
                progress(done)
            if len(chunk) < PDF_ROWS_PER_PART:
                return

    return write_tagged_pdf_in_parts("hours/pdf/report.html", parts(), target, PDF_PAGE)


def pdf_bytes(report_filter: ReportFilter, title="Training hours", now=None):
    """The whole PDF in memory: for small reports and tests."""
    buffer = io.BytesIO()
    write_pdf(report_filter, buffer, title, now)
    return buffer.getvalue()
