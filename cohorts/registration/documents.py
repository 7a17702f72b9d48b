"""Invoices and receipts as PDF, rendered from HTML templates with WeasyPrint, tagged for screen readers."""

from django.conf import settings
from django.utils import timezone

from modules.models import ProgramContactSettings
from pd_platform.pdfs import tagged_pdf


def _render(template, context) -> bytes:
    contact = ProgramContactSettings.load()
    context = {
        "organization": contact.organization_name,
        "contact": contact,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        **context,
    }
    return tagged_pdf(template, context)


def invoice_number(enrollment) -> str:
    return f"INV-{timezone.localtime(enrollment.created_at):%Y}-{enrollment.pk:06d}"


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


def receipt_number(payment) -> str:
    return f"RCT-{payment.pk:06d}"


def receipt_pdf(payment) -> bytes:
    enrollment = payment.enrollment
    return _render(
        "cohorts/pdf/receipt.html",
        {"payment": payment, "enrollment": enrollment, "cohort": enrollment.cohort, "number": receipt_number(payment)},
    )
