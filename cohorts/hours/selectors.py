"""Read queries for the ledger (the reports, which read it in bulk, are in ``reports.py``)."""

from .models import District


def district_for(name):
    return District.objects.filter(name__iexact=(name or "").strip()).first()
