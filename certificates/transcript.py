"""A participant's PD transcript: every program they took, its certificates, and each credited hour
(workshops attended, office hours, online learning, course completion) with its date, for
licence renewal and salary schedules. Read in a fixed number of queries however long the record.

PD hours are credited by every program; paid hours (beyond the district's contracted day) count
only in a program that pays the training rate."""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from cohorts.hours.models import HoursEntry
from cohorts.hours.reports import paying_programs
from cohorts.registration.districts import district_of
from cohorts.registration.models import Enrollment
from cohorts.workshops.models import OfficeHours, WorkshopSession
from modules.models import OnlineLearningPage
from pd_platform.pdfs import declare_pdf_ua, repair_structure
from pd_platform.spreadsheets import CSV_BOM, csv_row

from . import signing
from .credentials import open_badges as credentials
from .models import Certificate

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Line:
    day: date
    kind: str
    title: str
    hours: Decimal
    beyond: Decimal
    paid: Decimal


@dataclass
class ProgramRecord:
    enrollment: Enrollment
    pays: bool
    certificates: list = field(default_factory=list)
    lines: list = field(default_factory=list)

    @property
    def pd_hours(self):
        return sum((line.hours for line in self.lines), ZERO)

    @property
    def paid_hours(self):
        return sum((line.paid for line in self.lines), ZERO)


@dataclass
class Transcript:
    person: object
    records: list
    produced_at: object
    district: str = ""  # as the platform knows it: set by the office, the district's sign-in or a confirmed address

    @property
    def pd_hours(self):
        return sum((record.pd_hours for record in self.records), ZERO)

    @property
    def paid_hours(self):
        return sum((record.paid_hours for record in self.records), ZERO)

    @property
    def certificates(self):
        return [c for record in self.records for c in record.certificates]


REFERENCE = re.compile(r"^(session|office-hours|online|certificate)-(\d+)$")


def _titles(entries):
    """What each ledger entry was: the workshop, the office hours' topic, the online segment."""
    wanted = {"session": set(), "office-hours": set(), "online": set()}
    for entry in entries:
        match = REFERENCE.match(entry.reference)
        if match and match.group(1) in wanted:
            wanted[match.group(1)].add(int(match.group(2)))
    titles = {}
    if wanted["session"]:
        for session in WorkshopSession.objects.filter(pk__in=wanted["session"]).select_related("workshop"):
            titles[f"session-{session.pk}"] = session.workshop.title
    if wanted["office-hours"]:
        for hours in OfficeHours.objects.filter(pk__in=wanted["office-hours"]):
            titles[f"office-hours-{hours.pk}"] = f"Office hours: {hours.topic}" if hours.topic else "Office hours"
    if wanted["online"]:
        for page in OnlineLearningPage.objects.filter(pk__in=wanted["online"]).only("title"):
            titles[f"online-{page.pk}"] = page.title
    return titles


def transcript_of(user, now=None):
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .exclude(status=Enrollment.Status.CANCELLED)
        .select_related("cohort__program")
        .order_by("cohort__start_date", "pk")
    )
    ids = [e.pk for e in enrollments]
    entries = list(HoursEntry.objects.filter(enrollment_id__in=ids).order_by("date", "pk")) if ids else []
    certificates = list(Certificate.objects.filter(enrollment_id__in=ids).order_by("issued_at")) if ids else []
    paying = paying_programs()
    titles = _titles(entries)
    records = {e.pk: ProgramRecord(enrollment=e, pays=e.cohort.program_id in paying) for e in enrollments}
    for certificate in certificates:
        records[certificate.enrollment_id].certificates.append(certificate)
    for entry in entries:
        record = records[entry.enrollment_id]
        kind = HoursEntry.Source(entry.source).label
        title = titles.get(entry.reference) or (
            record.enrollment.cohort.program.title if entry.source == HoursEntry.Source.COURSE else kind
        )
        beyond = entry.hours_beyond_contract
        record.lines.append(Line(entry.date, kind, title, entry.hours, beyond, beyond if record.pays else ZERO))
    kept = [r for r in records.values() if r.lines or r.certificates]
    district = district_of(user)
    return Transcript(
        person=user, records=kept, produced_at=now or timezone.now(), district=district.name if district else ""
    )


CSV_HEADER = [  # headed in words: the file goes to a district's HR office and a licensing body
    "Record",
    "Program",
    "Cohort",
    "District",
    "Date",
    "Item",
    "PD hours",
    "Hours beyond contract",
    "Paid hours",
    "Certificate",
    "Status",
    "Valid until",
]


def csv_text(transcript):
    """The transcript as CSV (UTF-8 with a byte-order mark, dates as ISO dates)."""
    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    district = transcript.district
    for record in transcript.records:
        program, cohort = record.enrollment.cohort.program.title, record.enrollment.cohort.name
        for certificate in record.certificates:
            writer.writerow(
                csv_row(
                    [
                        "Certificate",
                        program,
                        cohort,
                        district,
                        timezone.localdate(certificate.issued_at).isoformat(),
                        certificate.course_title,
                        "",  # its hours are the rows below (none once revoked): the column sums to the total
                        "",
                        "",
                        certificate.code,
                        certificate.status.label,
                        timezone.localdate(certificate.valid_until).isoformat() if certificate.valid_until else "",
                    ]
                )
            )
        for line in record.lines:
            writer.writerow(
                csv_row(
                    [
                        "Hours",
                        program,
                        cohort,
                        district,
                        line.day.isoformat(),
                        f"{line.kind}: {line.title}",
                        line.hours,
                        line.beyond,
                        line.paid,
                        "",
                        "",
                        "",
                    ]
                )
            )
    return buffer.getvalue()


def pdf_bytes(transcript):
    """The transcript as an archival, tagged PDF signed by the organisation (the certificates' pipeline)."""
    html = render_to_string(
        "certificates/transcript_pdf.html",
        {
            "t": transcript,
            "organization": credentials.organization_name(),
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
        },
    )
    unsigned = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_variant="pdf/a-3b",
        pdf_tags=True,
        finisher=lambda document, pdf: repair_structure(document, pdf, declare_pdf_ua),
    )
    return signing.sign_pdf(
        unsigned, reason=f"PD transcript of {transcript.person.full_name or transcript.person.email}"
    )
