"""Read queries for the ledger (the reports, which read it in bulk, are in ``reports.py``)."""

from datetime import time

from cohorts.registration.districts import district_of
from cohorts.registration.models import Enrollment
from pd_platform.accounts.models import User

DEFAULT_CONTRACT = (time(8, 0), time(15, 30))  # a person in no district, or one the office has not entered yet


def contract_of(user: User) -> tuple[time, time]:
    """The contracted day of the person's district, as the platform knows it (never as they typed it)."""
    district = district_of(user)
    return (district.contract_start, district.contract_end) if district else DEFAULT_CONTRACT


def course_completion_reference(enrollment: Enrollment) -> str:
    """The ledger's one entry for a course's completion hours: per enrollment, however many certificates
    it is issued, so its hours are credited once."""
    return f"certificate-{enrollment.pk}"
