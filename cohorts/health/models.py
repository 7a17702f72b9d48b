"""Each program's at-risk thresholds, and the nudges sent from a flag (who sent which, when)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


def _count(default, help_text, minimum=1, maximum=90):
    return models.PositiveSmallIntegerField(
        default=default, validators=[MinValueValidator(minimum), MaxValueValidator(maximum)], help_text=help_text
    )


class HealthThresholds(models.Model):
    """When a participant of a program is flagged. A program without a row uses the defaults."""

    program = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="health_thresholds",
        help_text="The course or workshop series these thresholds are for.",
    )
    idle_days = _count(10, "Flag a participant after this many days with no activity in the course.")
    revision_waiting_days = _count(6, "Flag a revision feedback asked for that has not come back after this many days.")
    missed_sessions = _count(1, "Flag a participant once they have missed this many workshop sessions.", maximum=10)

    class Meta:
        verbose_name = "health thresholds"
        verbose_name_plural = "health thresholds"

    def __str__(self):
        return f"Health thresholds: {self.program.title}"


class Nudge(models.Model):
    """One nudge sent from a flag. The unique row is the guard: written in the transaction that
    sends, so a second click (or a second facilitator) sends nothing."""

    enrollment = models.ForeignKey("cohorts.Enrollment", on_delete=models.CASCADE, related_name="nudges")
    reason = models.CharField(max_length=20)
    period = models.CharField(max_length=60)
    subject = models.CharField(max_length=200)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "reason", "period"], name="one_nudge_per_reason_and_period")
        ]

    def __str__(self):
        return f"{self.reason} nudge for enrollment {self.enrollment_id} ({self.sent_at:%Y-%m-%d})"
