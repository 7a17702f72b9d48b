"""The workspace's reports, one definition each for the page, the CSV, the XLSX and the shared link: the
columns people read, and the rows of a district (or of one of its people)."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from cohorts.coursework.selectors import progress_of_enrollments
from cohorts.registration.documents import invoice_number
from cohorts.registration.selectors import invoice_available, payment_state
from pd_platform.spreadsheets import CSV_BOM, csv_row, xlsx_row

from . import selectors
from .models import REPORTS

TITLES = dict(REPORTS)
CENT = Decimal("0.01")


def _hours_of(value) -> Decimal:
    """Sums come back as 2 on SQLite and 2.00 on PostgreSQL: show them the same way."""
    return Decimal(value or 0).quantize(CENT)


@dataclass(frozen=True)
class Row:
    person_id: int  # the person the row is about (the page links their name)
    values: list


def _people(district, user_id=None):
    for p in selectors.people(district, user_id):
        yield Row(p.pk, [p.full_name, p.email, p.school, p.registrations, _hours_of(p.pd_hours), p.certificates])


def _who(e):
    """The first columns of a registration's row: whose, in which program and cohort."""
    return [e.user.full_name, e.user.email, e.cohort.program.title, e.cohort.name]


def _approval(enrollment):
    approval = getattr(enrollment, "approval", None)
    return approval.get_decision_display() if approval else "Not needed"


def _registrations(district, user_id=None):
    enrollments = list(selectors.enrollments(district, user_id))
    progress = progress_of_enrollments(enrollments)
    for e in enrollments:
        p = progress[e.pk]
        yield Row(
            e.user_id,
            [
                *_who(e),
                e.get_status_display(),
                _approval(e),
                p.complete,
                p.required,
                "Yes" if p.met else f"No: {p.still_needed} more needed",
            ],
        )


def _hours(district, user_id=None):
    for e in selectors.enrollments(district, user_id, live_only=True):
        yield Row(
            e.user_id,
            [*_who(e), _hours_of(e.pd_hours), _hours_of(e.hours_beyond)],
        )


def _certificates(district, user_id=None):
    for c in selectors.certificates(district, user_id):
        user = c.enrollment.user
        yield Row(
            user.pk,
            [
                user.full_name,
                user.email,
                c.course_title,
                c.cohort_name,
                timezone.localdate(c.issued_at),
                c.hours,
                c.status.label,
                c.code,
            ],
        )


def _invoices(district, user_id=None):
    for e in selectors.enrollments(district, user_id, live_only=True):
        yield Row(
            e.user_id,
            [
                *_who(e),
                e.get_payment_method_display(),
                e.purchase_order_number,
                invoice_number(e) if invoice_available(e) else "",
                e.cohort.fee,
                payment_state(e),
            ],
        )


COLUMNS = {
    "people": (["Name", "Email", "School", "Registrations", "PD hours", "Certificates"], _people),
    "registrations": (
        ["Name", "Email", "Program", "Cohort", "Status", "Approval", "Complete", "Required", "Met the requirement"],
        _registrations,
    ),
    "hours": (["Name", "Email", "Program", "Cohort", "PD hours", "Hours beyond contract"], _hours),
    "certificates": (
        ["Name", "Email", "Course", "Cohort", "Issued", "Hours", "Status", "Verification code"],
        _certificates,
    ),
    "invoices": (
        ["Name", "Email", "Program", "Cohort", "Payment", "Purchase order", "Invoice", "Fee (USD)", "Paid"],
        _invoices,
    ),
}


def header(report):
    return COLUMNS[report][0]


def rows(report, district, user_id=None):
    return list(COLUMNS[report][1](district, user_id))


def heading_lines(report, district, now=None):
    as_of = timezone.localtime(now or timezone.now())
    return [("Report", TITLES[report]), ("District", district.name), ("As of", f"{as_of:%Y-%m-%d %H:%M %Z}")]


def _csv_value(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def csv_text(report, district, now=None) -> str:
    """UTF-8 with a byte-order mark (Excel on Windows), heading lines first, text cells guarded."""
    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    writer = csv.writer(buffer)
    for line in heading_lines(report, district, now):
        writer.writerow(csv_row(line))
    writer.writerow(header(report))
    for row in rows(report, district):
        writer.writerow(csv_row([_csv_value(v) for v in row.values]))
    return buffer.getvalue()


def write_xlsx(report, district, target, now=None):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(TITLES[report][:31])
    bold = Font(bold=True)
    for label, value in heading_lines(report, district, now):
        sheet.append([*xlsx_row(sheet, [label], font=bold), *xlsx_row(sheet, [value])])
    sheet.append([])
    sheet.append(xlsx_row(sheet, header(report), font=bold))
    for row in rows(report, district):
        sheet.append(xlsx_row(sheet, [float(v) if isinstance(v, Decimal) else v for v in row.values]))
    workbook.save(target)
