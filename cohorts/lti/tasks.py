"""Thin Celery tasks for the LTI room: the work is in ``grades``."""

import requests
from celery import shared_task
from pylti1p3.exception import LtiServiceException

from . import grades


@shared_task(
    name=grades.SEND_TASK,
    autoretry_for=(LtiServiceException, requests.RequestException),
    retry_backoff=True,
    max_retries=6,
)
def send_progress(placement_id, user_id):
    grades.send_progress(placement_id, user_id)
