"""The training-hour report's XLSX and PDF as background exports (pd_platform/exports.py): a district's report
takes longer than a page should. The CSV streams within a second or two and is never a job."""

from pd_platform import exports
from pd_platform.accounts import roles

from . import reports

XLSX = "hours-xlsx"
PDF = "hours-pdf"
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    PDF: "application/pdf",
}


def _office(user, parameters):
    return roles.is_admin(user)


def _count(parameters):
    return reports.ReportFilter.from_parameters(parameters).participants()


def _write_xlsx(parameters, target, progress):
    reports.write_xlsx(reports.ReportFilter.from_parameters(parameters), target, progress=progress)


def _write_pdf(parameters, target, progress):
    reports.write_pdf(reports.ReportFilter.from_parameters(parameters), target, progress=progress)


exports.register(
    XLSX, "Training hours (Excel)", "training-hours.xlsx", CONTENT_TYPES[XLSX], _office, _count, _write_xlsx
)
exports.register(PDF, "Training hours (PDF)", "training-hours.pdf", CONTENT_TYPES[PDF], _office, _count, _write_pdf)
