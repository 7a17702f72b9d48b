"""Sharing a certificate elsewhere: LinkedIn's "add license or certification" form, filled in."""

from urllib.parse import urlencode

from . import pdf

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def linkedin_add_url(certificate, organization):
    """LinkedIn's add-certification link with the name, organisation, dates, number and verify URL."""
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "organizationName": organization,
        "issueYear": certificate.issued_at.year,
        "issueMonth": certificate.issued_at.month,
        "certUrl": pdf.verify_url(certificate),
        "certId": certificate.code,
    }
    if certificate.valid_until:
        params["expirationYear"] = certificate.valid_until.year
        params["expirationMonth"] = certificate.valid_until.month
    return f"{LINKEDIN_ADD}?{urlencode(params)}"
