"""Sharing a certificate elsewhere: LinkedIn's "add license or certification" form, filled in."""

from urllib.parse import urlencode

from django.utils import timezone

from . import pdf

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def linkedin_add_url(certificate, organization):
    """LinkedIn's add-certification link with the name, organisation, dates, number and verify URL."""
    issued = timezone.localtime(certificate.issued_at)
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "organizationName": organization,
        "issueYear": issued.year,
        "issueMonth": issued.month,
        "certUrl": pdf.verify_url(certificate),
        "certId": certificate.code,
    }
    if certificate.valid_until:
        until = timezone.localtime(certificate.valid_until)
        params["expirationYear"] = until.year
        params["expirationMonth"] = until.month
    return f"{LINKEDIN_ADD}?{urlencode(params)}"
