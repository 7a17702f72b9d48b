"""The certificate as a one-page landscape PDF (WeasyPrint), with a QR code to its verify page.

The PDF people keep is archival and accessible: PDF/A-3b, tagged (language, title, reading order,
alt text), with the Open Badges credential inside as an associated file (AFRelationship Data).
The organisation's signature is added afterwards as an incremental update (``signing``), which
keeps both the archive profile and the signature over the whole file."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML, Attachment

from pd_platform.pdfs import declare_pdf_ua, repair_structure

from .credentials.open_badges import organization_name


def verify_url(certificate):
    return settings.SITE_URL.rstrip("/") + reverse("certificates:verify", args=[certificate.code])


def qr_data_uri(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=1)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def certificate_html(certificate):
    url = verify_url(certificate)
    return render_to_string(
        "certificates/certificate_pdf.html",
        {
            "c": certificate,
            "verify_url": url,
            "qr": qr_data_uri(url),
            "issuer": organization_name(),
            "site_name": settings.SITE_NAME,
        },
    )


CREDENTIAL_FILENAME = "open-badge-credential-{code}.jwt"


def credential_attachment(certificate, token):
    data = base64.b64encode(token.encode()).decode()
    return Attachment(
        url=f"data:application/vc+jwt;base64,{data}",
        name=CREDENTIAL_FILENAME.format(code=certificate.code),
        description="Open Badges 3.0 credential of this certificate (VC-JWT)",
        relationship="Data",
        created=certificate.issued_at,
        modified=certificate.issued_at,
    )


def render_bare_pdf(certificate) -> bytes:
    """The same page with no archive profile, tags or attachment: what the budget is measured against."""
    return HTML(string=certificate_html(certificate), base_url=str(settings.BASE_DIR)).write_pdf()


def _one_entry_per_associated_file(document, pdf):
    """WeasyPrint lists an attachment in the catalog's /AF twice (from the name tree and as a
    file specification); PDF/A wants each associated file once."""
    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = type(pdf.catalog["AF"])(dict.fromkeys(pdf.catalog["AF"]))


def render_certificate_pdf(certificate, credential="") -> bytes:
    """The unsigned PDF/A-3b, tagged, with the credential (when given) attached."""
    attachments = [credential_attachment(certificate, credential)] if credential else []
    return HTML(string=certificate_html(certificate), base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_variant="pdf/a-3b",
        pdf_tags=True,
        attachments=attachments,
        finisher=lambda document, pdf: repair_structure(document, pdf, _one_entry_per_associated_file, declare_pdf_ua),
    )
