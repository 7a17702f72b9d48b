"""The certificate as a one-page landscape PDF (WeasyPrint), with a QR code to its verify page."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML


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
            "issuer": settings.CERTIFICATE_ISSUER,
            "site_name": settings.SITE_NAME,
        },
    )


def render_certificate_pdf(certificate) -> bytes:
    """The unsigned PDF."""
    return HTML(string=certificate_html(certificate), base_url=str(settings.BASE_DIR)).write_pdf()
