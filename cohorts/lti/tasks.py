"""Thin Celery tasks for the LTI room: the work is in ``grades``."""

import requests
from celery import shared_task
from pylti1p3.exception import LtiServiceException

from pd_platform import follow_ups

from . import grades


@shared_task(
    name=grades.SEND_TASK,
    autoretry_for=(LtiServiceException, requests.RequestException),
    retry_backoff=True,
    max_retries=6,
)
def send_progress(placement_id, user_id):
    grades.send_progress(placement_id, user_id)


@shared_task(name=grades.PROGRESS_FOLLOW_UP, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def progress_changed(submission_id, previous, status):
    """A submission's status changed: owe its new progress to every LMS gradebook column it moves."""
    return grades.owe_progress_after(submission_id)


# Registered here, where the task is defined; pd_platform.registries imports this module once.
follow_ups.register(follow_ups.SUBMISSION_STATUS_CHANGED, progress_changed.name)
