"""Thin Celery tasks for the ledger: the work is in ``services``."""

from celery import shared_task

from pd_platform import follow_ups

from . import services

ONLINE_HOURS_FOLLOW_UP = "hours.keep_online_hours_in_step"


@shared_task(name=ONLINE_HOURS_FOLLOW_UP, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def keep_online_hours_in_step(submission_id, previous, status):
    """A submission became (or stopped being) complete: its online learning's hours follow.
    Idempotent: the entry is made to agree with the submissions as they are now."""
    return services.credit_online_learning_after(submission_id, previous, status)


# Registered here, where the task is defined; pd_platform.registries imports this module once.
follow_ups.register(follow_ups.SUBMISSION_STATUS_CHANGED, keep_online_hours_in_step.name)
