from django.conf import settings
from django.db import models
from django.db.models import Q


class QueuedTask(models.Model):
    """A Celery task the platform owes someone (an email, a certificate).

    The row is written in the same transaction as the change that calls for the task, so a
    broker that is down when the change commits loses nothing: the row waits, undispatched,
    until the sweeper hands it to the broker. Every task sent this way is idempotent, so a
    second hand-over is harmless.
    """

    name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["created_at"], condition=Q(dispatched_at__isnull=True), name="queued_task_pending")
        ]

    def __str__(self):
        state = f"dispatched {self.dispatched_at:%Y-%m-%d %H:%M}" if self.dispatched_at else "waiting for the broker"
        return f"{self.name}{tuple(self.args)} ({state})"


class PersonalDataEvent(models.Model):
    """The audit log of personal data on request: who exported or erased whose data, when and why."""

    class Action(models.TextChoices):
        EXPORT = "export", "Export"
        ERASURE = "erasure", "Erasure"

    subject_id = models.PositiveIntegerField(help_text="The account's number: after an erasure, its name is gone.")
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    by_email = models.EmailField(blank=True)
    reason = models.TextField(blank=True)
    summary = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(action="erasure") | ~Q(reason=""), name="an_erasure_says_why"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} of person {self.subject_id} by {self.by_email or 'a command'} at {self.at:%Y-%m-%d %H:%M}"


class FormDraft(models.Model):
    """What a person typed into a long field and has not sent yet, kept so a reload, another
    action on the page or a lost connection loses nothing. ``key`` names the page and the field
    (``/cohorts/review/12/#feedback``); the row goes when the form is sent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="form_drafts")
    key = models.CharField(max_length=300)
    text = models.TextField()
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_form_draft_per_field")]

    def __str__(self):
        return f"Draft of {self.key} ({len(self.text)} characters)"
