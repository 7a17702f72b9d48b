"""Writes of the impact report: a district's student outcome figures, kept as supplied."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from cohorts.registration.models import District
from pd_platform.accounts.models import User

from .models import StudentOutcome
from .outcomes import read_outcomes


@transaction.atomic
def record_outcomes(
    district: District, name: str, data: bytes, by: User, now: datetime | None = None
) -> list[StudentOutcome]:
    """Read the file and keep every figure in it, or none (``OutcomeFileError`` says why)."""
    rows = read_outcomes(name, data)
    moment = now or timezone.now()
    return StudentOutcome.objects.bulk_create(
        StudentOutcome(
            district=district,
            period=row.period,
            measure=row.measure,
            value=row.value,
            group_size=row.group_size,
            notes=row.notes,
            source=name[:255],
            uploaded_by=by,
            uploaded_at=moment,
        )
        for row in rows
    )
