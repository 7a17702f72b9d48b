"""Invoices and receipts as PDF, rendered from HTML templates with WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from modules.models import ProgramContactSettings


def _render(template, context) -> bytes:
    context = {
        "organization": ProgramContactSettings.load().organization_name,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        **context,
    }
    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def invoice_number(enrollment) -> str:
    return f"INV-{enrollment.created_at:%Y}-{enrollment.pk:06d}"


def invoice_pdf(enrollment) -> bytes:
    return _render(
        "cohorts/pdf/invoice.html",
        {
            "enrollment": enrollment,
            "cohort": enrollment.cohort,
            "number": invoice_number(enrollment),
            "issued": timezone.localdate(),
        },
    )


def receipt_pdf(payment) -> bytes:
    enrollment = payment.enrollment
    return _render(
        "cohorts/pdf/receipt.html",
        {"payment": payment, "enrollment": enrollment, "cohort": enrollment.cohort, "number": f"RCT-{payment.pk:06d}"},
    )
