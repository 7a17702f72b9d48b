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
