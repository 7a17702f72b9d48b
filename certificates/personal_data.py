"""Certificates' part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from pd_platform import personal_data

from .models import Certificate, SiteCohortRequest


def export(user):
    return {
        "certificates": Certificate.objects.filter(enrollment__user=user),
        "site_cohort_requests": SiteCohortRequest.objects.filter(trainer=user),
    }


def erase(user, now):
    """Issued certificates are kept as issued, their signed PDF and credential too: the holder's name is
    printed and signed in them, and the verify page must go on answering anyone who holds one."""
    return {"certificates kept as issued": Certificate.objects.filter(enrollment__user=user).count()}


personal_data.register("certificates", export, erase, order=100)
