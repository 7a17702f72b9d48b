"""The training-hours ledger (its table kept from the ``cohorts`` app). The districts, with their contracted
days and training rates, are registration's (``cohorts.registration.models.District``): a district approves
registrations too."""

from django.db import models
from django.db.models import Q

from cohorts.registration.models import Enrollment


class HoursEntry(models.Model):
    """The training-hours ledger: each credited hour with its source, date and how much of it
    fell outside contracted hours. Derived from attendance, online learning and course
    completion; one entry per enrollment, source and reference, kept in step with them."""

    class Source(models.TextChoices):
        WORKSHOP = "workshop", "Workshop attendance"
        ONLINE = "online", "Online learning"
        COURSE = "course", "Course completion"
        OFFICE_HOURS = "office", "Office hours"

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="hours_entries")
    source = models.CharField(max_length=10, choices=Source.choices)
    reference = models.CharField(max_length=100, help_text="The session, activity or certificate it comes from.")
    date = models.DateField(db_index=True)
    hours = models.DecimalField(max_digits=6, decimal_places=2)
    hours_beyond_contract = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        db_table = "cohorts_hoursentry"
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "source", "reference"], name="one_hours_entry_per_source"),
            models.CheckConstraint(
                condition=Q(hours_beyond_contract__lte=models.F("hours")), name="beyond_within_hours"
            ),
        ]
