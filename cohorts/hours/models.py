"""The training-hours ledger and the districts' contracted days (tables kept from the ``cohorts`` app)."""

from decimal import Decimal

from django.db import models
from django.db.models import Q

from cohorts.registration.models import Enrollment


class District(models.Model):
    """A district's contracted day and training rate: hours outside it are paid."""

    name = models.CharField(max_length=150, unique=True, help_text="As participants write it in their profile.")
    contract_start = models.TimeField(default="08:00")
    contract_end = models.TimeField(default="15:30")
    training_rate = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        default=Decimal("50.00"),
        help_text="Pay per hour beyond contracted hours, in US dollars.",
    )

    class Meta:
        db_table = "cohorts_district"
        ordering = ["name"]

    def __str__(self):
        return self.name


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
