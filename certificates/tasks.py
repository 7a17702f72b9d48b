from celery import shared_task

from . import services


@shared_task
def award_certificate(enrollment_id):
    certificate = services.award_certificate_if_complete(enrollment_id)
    return certificate.pk if certificate else None


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def produce_certificate(certificate_id):
    return services.produce_certificate(certificate_id).pk
