from celery import shared_task

from . import services


@shared_task(name="certificates.tasks.award_certificate")
def award_certificate(enrollment_id):
    certificate = services.award_certificate_if_complete(enrollment_id)
    return certificate.pk if certificate else None


@shared_task(name="certificates.tasks.produce_certificate", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def produce_certificate(certificate_id):
    return services.produce_certificate(certificate_id).pk
