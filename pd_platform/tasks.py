from celery import shared_task

from . import outbox


@shared_task(name="pd_platform.tasks.dispatch_queued_tasks")
def dispatch_queued_tasks():
    """Periodic (Celery beat): hand the broker the tasks it missed while it was down."""
    outbox.prune()
    return outbox.dispatch_pending()[0]
