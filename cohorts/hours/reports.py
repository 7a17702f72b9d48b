"""Training-hour reports: hours, hours beyond contract and pay at the training rate.

Rows are aggregated in the database and streamed, so a report of 10,000 participants never
holds 10,000 rows in memory at once.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import F, Sum
from django.db.models.functions import TruncWeek

from cohorts.registration.models import Enrollment
from pd_platform.spreadsheets import csv_row, xlsx_row

from .models import District, HoursEntry

HEADER = ["email", "full_name", "district", "school", "cohort", "hours_total", "hours_beyond_contract", "pay_amount"]


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
        if self.district:
            queryset = queryset.filter(enrollment__user__district__iexact=self.district.strip())
        if self.school:
            queryset = queryset.filter(enrollment__user__school__iexact=self.school.strip())
        if self.start:
            queryset = queryset.filter(date__gte=self.start)
        if self.end:
            queryset = queryset.filter(date__lte=self.end)
        return queryset


CENT = Decimal("0.01")


def _money(value) -> Decimal:
    """Sums come back as 4 on SQLite and 4.00 on PostgreSQL: report them the same way."""
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


def _rates():
    default = Decimal(str(settings.TRAINING_RATE_DEFAULT))
    return {name.lower(): rate for name, rate in District.objects.values_list("name", "training_rate")}, default


def rows(report_filter: ReportFilter):
    """One row per participant and cohort, streamed from the database."""
    rates, default = _rates()
    aggregated = (
        report_filter.entries()
        .values("enrollment_id")
        .annotate(
            email=F("enrollment__user__email"),
            full_name=F("enrollment__user__full_name"),
            district=F("enrollment__user__district"),
            school=F("enrollment__user__school"),
            cohort=F("enrollment__cohort__name"),
            program=F("enrollment__cohort__program__title"),
            hours_total=Sum("hours"),
            hours_beyond=Sum("hours_beyond_contract"),
        )
        .order_by("enrollment__cohort_id", "enrollment__user__full_name", "enrollment_id")
    )
    for row in aggregated.iterator(chunk_size=2000):
        rate = rates.get((row["district"] or "").lower(), default)
        beyond = _money(row["hours_beyond"])
        yield [
            row["email"],
            row["full_name"],
            row["district"],
            row["school"],
            f"{row['program']}: {row['cohort']}",
            _money(row["hours_total"]),
            beyond,
            _money(beyond * rate),
        ]


def totals(report_filter: ReportFilter):
    result = report_filter.entries().aggregate(hours=Sum("hours"), beyond=Sum("hours_beyond_contract"))
    participants = report_filter.entries().values("enrollment_id").distinct().count()
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


def csv_chunks(report_filter: ReportFilter):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for i, row in enumerate(rows(report_filter), 1):
        writer.writerow(csv_row(row))
        if i % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_xlsx(report_filter: ReportFilter, target):
    """An XLSX with real number cells, written row by row (openpyxl write-only mode)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Training hours")
    sheet.append(xlsx_row(sheet, HEADER, font=Font(bold=True)))
    for row in rows(report_filter):
        sheet.append(xlsx_row(sheet, [*row[:5], float(row[5]), float(row[6]), float(row[7])]))
    workbook.save(target)


def pdf_bytes(report_filter: ReportFilter, title="Training hours"):
    from django.template.loader import render_to_string
    from weasyprint import HTML

    html = render_to_string(
        "hours/pdf/report.html",
        {
            "rows": rows(report_filter),
            "totals": totals(report_filter),
            "title": title,
            "filter": report_filter,
            "header": HEADER,
        },
    )
    return HTML(string=html).write_pdf()
