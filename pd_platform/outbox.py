"""Hand Celery tasks to the broker without ever losing one when the broker is down.

``enqueue`` records the task in the caller's transaction and sends it after commit; a send
that fails (Redis unreachable) is logged and left to ``dispatch_pending``, which Celery beat
runs every few seconds and which a person can run with ``manage.py dispatch_queued_tasks``.
The person whose request enqueued the task never sees the broker's failure.

A task is found by its registered name (``@shared_task(name=...)``), not by its module: a
row queued before a task moved to another module still runs after the move.
"""

import logging
from datetime import timedelta
from importlib import import_module

from celery import current_app
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from .models import QueuedTask

logger = logging.getLogger(__name__)


def enqueue(task_name: str, *args: object) -> QueuedTask:
    """Owe ``task_name(*args)``: recorded now, handed to the broker once the transaction commits."""
    queued = QueuedTask.objects.create(name=task_name, args=list(args))
    transaction.on_commit(lambda: dispatch(queued.pk), robust=True)
    return queued


def dispatch(queued_id):
    """Hand one queued task to the broker (or run it, in the embedded eager mode).

    Returns whether it was handed over; on failure the row stays pending with the error.
    """
    queued = QueuedTask.objects.filter(pk=queued_id, dispatched_at__isnull=True).first()
    if queued is None:
        return False
    try:
        registered_task(queued.name).apply_async(
            queued.args, retry=True, retry_policy=settings.CELERY_TASK_PUBLISH_RETRY_POLICY
        )
    except Exception as error:  # noqa: BLE001 - the broker's errors differ by transport; every one means "try later"
        logger.warning("Task %s%s not dispatched (will retry): %s", queued.name, tuple(queued.args), error)
        QueuedTask.objects.filter(pk=queued.pk).update(attempts=F("attempts") + 1, last_error=str(error)[:500])
        return False
    QueuedTask.objects.filter(pk=queued.pk).update(
        dispatched_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return True


def registered_task(name):
    """The task registered under ``name``; every app's tasks module is loaded the first time
    (a worker loads them at start, a web process only when it needs one)."""
    if name not in current_app.tasks:
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "tasks"):
                import_module(f"{config.name}.tasks")
    return current_app.tasks[name]


def pending(now=None, grace=None):
    """Ids of tasks still waiting for the broker after their grace period, oldest first."""
    now = now or timezone.now()
    grace = timedelta(seconds=settings.OUTBOX_GRACE_SECONDS if grace is None else grace)
    return list(
        QueuedTask.objects.filter(dispatched_at__isnull=True, created_at__lte=now - grace)
        .order_by("created_at")
        .values_list("pk", flat=True)[: settings.OUTBOX_BATCH]
    )


def dispatch_pending(now=None, grace=None):
    """Hand over every task the broker missed. Returns (dispatched, still waiting)."""
    ids = pending(now, grace)
    sent = 0
    for queued_id in ids:
        if not dispatch(queued_id):
            break  # the broker is still down: the rest would fail the same way
        sent += 1
    return sent, len(ids) - sent


def prune(now=None, keep_days=30):
    """Forget tasks handed over more than ``keep_days`` ago (the table would otherwise only grow)."""
    now = now or timezone.now()
    deleted, _ = QueuedTask.objects.filter(dispatched_at__lt=now - timedelta(days=keep_days)).delete()
    return deleted
