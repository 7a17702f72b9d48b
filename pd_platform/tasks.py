from celery import shared_task
from django.db import OperationalError

from . import outbox


@shared_task(name="pd_platform.dispatch_queued_tasks")
def dispatch_queued_tasks():
    """Periodic (Celery beat): hand the broker the tasks it missed while it was down."""
    outbox.prune()
    return outbox.dispatch_pending()[0]


@shared_task(name="pd_platform.run_export", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def run_export(job_id):
    """Build an export's file (idempotent: see ``exports.run``)."""
    from . import exports

    return exports.run(job_id)


@shared_task(name="pd_platform.delete_expired_exports")
def delete_expired_exports():
    """Periodic (Celery beat): delete export files kept past EXPORT_KEEP_DAYS."""
    from . import exports

    return exports.delete_expired()
