"""What went out (the send-once log), each person's choices, and each program's reminder rules."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


def _days(default, help_text, maximum=60):
    return models.PositiveSmallIntegerField(
        default=default, validators=[MinValueValidator(1), MaxValueValidator(maximum)], help_text=help_text
    )


class ReminderRules(models.Model):
    """A program's N's. A program without a row uses the defaults below."""

    program = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="reminder_rules",
        help_text="The course or workshop series these rules are for.",
    )
    purchase_order_warning_days = _days(
        5, "Remind people still waiting for a purchase order or payment this many business days before the deadline."
    )
    pacing_idle_days = _days(5, "Remind a participant after this many business days without progress.")
    revision_waiting_days = _days(
        3, "Remind a participant this many business days after feedback asked for a revision they have not sent."
    )
    certificate_gap = _days(
        2, "Remind a participant when they are this many complete submissions (or fewer) from the certificate.", 10
    )
    digest_waiting_days = _days(
        2, "List a submission in the facilitator's daily digest once it has waited this many business days."
    )

    class Meta:
        verbose_name = "reminder rules"
        verbose_name_plural = "reminder rules"

    def __str__(self):
        return f"Reminder rules: {self.program.title}"


class ReminderSent(models.Model):
    """One reminder that went out: the office's log. It is written with the guard that it goes out once
    (``pd_platform.SentEmail``, unique per recipient, kind, object and period), in the transaction that sends."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    object_key = models.CharField(max_length=80)
    period = models.CharField(max_length=40)
    cohort = models.ForeignKey(
        "cohorts.Cohort", on_delete=models.SET_NULL, null=True, blank=True, related_name="reminders_sent"
    )
    subject = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "reminder sent"
        verbose_name_plural = "reminders sent"
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["kind", "sent_at"])]

    def __str__(self):
        return f"{self.kind} to {self.recipient} ({self.sent_at:%Y-%m-%d %H:%M})"


class ReminderOptOut(models.Model):
    """A person does not want reminders of this kind (from their preferences or an unsubscribe link)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_outs")
    kind = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")]


class ReminderOptIn(models.Model):
    """A person asked for reminders of an opt-in kind (a digest). An opt-out of the same kind
    (an unsubscribe link) still wins."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_ins")
    kind = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_opt_in_per_kind")]
