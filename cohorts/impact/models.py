"""Student outcome figures a district supplies: its own summary figures, never student records."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q


class StudentOutcome(models.Model):
    """One summary figure (a measure for a group of students in a period), kept as supplied."""

    district = models.ForeignKey("cohorts.District", on_delete=models.CASCADE, related_name="student_outcomes")
    period = models.CharField(max_length=60, help_text='For example "2025-26" or "Spring 2026".')
    measure = models.CharField(max_length=150, help_text='For example "Students meeting the grade-level standard (%)".')
    value = models.DecimalField(max_digits=12, decimal_places=2)
    group_size = models.PositiveIntegerField(
        validators=[MinValueValidator(2)], help_text="How many students the figure summarises."
    )
    notes = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=255, help_text="The file it came from, as uploaded.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["district__name", "period", "measure", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(group_size__gte=2), name="outcome_summarises_a_group"),
        ]

    def __str__(self):
        return f"{self.measure} ({self.period}), {self.district}"
