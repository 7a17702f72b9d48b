from django.conf import settings
from django.db import models
from django.db.models import Q

from .storage import private_storage


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


class ExportJob(models.Model):
    """A file a person asked for that takes longer than a page should (a district's training-hour PDF): built in
    the background, its progress shown, kept privately for EXPORT_KEEP_DAYS. Written only by ``exports``."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Deleted after its time"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    kind = models.CharField(max_length=60)
    parameters = models.JSONField(default=dict)
    # The parameters in one canonical string: the same request while one is under way joins it.
    parameters_key = models.CharField(max_length=64)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(storage=private_storage, upload_to="exports/%Y/%m/", blank=True)
    error = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    expires = models.DateTimeField(null=True, blank=True)
    notified = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "parameters_key"],
                condition=Q(state__in=["queued", "running"]),
                name="one_export_under_way_per_request",
            ),
            models.CheckConstraint(
                condition=Q(rows_total__isnull=True) | Q(rows_done__lte=models.F("rows_total")),
                name="export_rows_done_within_total",
            ),
        ]
        indexes = [models.Index(fields=["expires"], condition=Q(state="ready"), name="export_ready_by_expiry")]

    def __str__(self):
        return f"{self.kind} for {self.owner_id} ({self.get_state_display()})"

    @property
    def under_way(self):
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def percent(self):
        if not self.rows_total:
            return 100 if self.state == self.State.READY else 0
        return min(100, round(100 * self.rows_done / self.rows_total))


class SentEmail(models.Model):
    """An e-mail that went out, and the guard that it goes out once: one row per (recipient, kind, object,
    period), written in the transaction that sends (``pd_platform.send_once``), so two workers or a task
    run twice send it once. ``kind`` is ``<room>.<what>`` (``coursework.feedback``), ``object_key``
    ``<noun>:<id>`` (``review:12``), ``period`` empty for what is sent once ever."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60)
    object_key = models.CharField(max_length=80)
    period = models.CharField(max_length=40, blank=True, default="")
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "e-mail sent"
        verbose_name_plural = "e-mails sent"
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_key", "period"], name="email_once_per_recipient_kind_object"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_key"])]

    def __str__(self):
        return f"{self.kind} about {self.object_key} to person {self.recipient_id}"
