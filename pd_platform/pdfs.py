"""PDFs people download: tagged for assistive technology (PDF/UA structure: headings, lists and
tables a screen reader can follow), rendered by WeasyPrint from a template."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML


def tagged_pdf(template, context):
    html = render_to_string(template, {"site_name": settings.SITE_NAME, **context})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")
