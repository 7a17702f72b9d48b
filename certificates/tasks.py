from celery import shared_task

from . import services


@shared_task(name="certificates.tasks.award_certificate")
def award_certificate(enrollment_id):
    certificate = services.award_certificate_if_complete(enrollment_id)
    return certificate.pk if certificate else None


@shared_task(name="certificates.tasks.produce_certificate", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def produce_certificate(certificate_id):
    return services.produce_certificate(certificate_id).pk


def _site_request(site_request_id):
    from .models import SiteCohortRequest

    return SiteCohortRequest.objects.select_related("trainer", "cohort").get(pk=site_request_id)


@shared_task(name="certificates.tasks.tell_office_of_site_request")
def tell_office_of_site_request(site_request_id):
    """To the program office (everyone holding the Admin role): a trainer asks for a site cohort."""
    from . import trainers

    site_request = _site_request(site_request_id)
    office = trainers.office_addresses()
    if not office:
        return False
    return trainers.send_once(
        site_request.pk, "office_told_at", lambda: trainers.site_request_email(site_request, "office", office)
    )


@shared_task(name="certificates.tasks.tell_trainer_of_decision")
def tell_trainer_of_decision(site_request_id):
    """To the trainer: their site cohort request was approved (with the cohort's invitation link) or declined."""
    from . import trainers

    site_request = _site_request(site_request_id)
    if site_request.status == site_request.Status.PENDING:
        return False
    return trainers.send_once(
        site_request.pk,
        "trainer_told_at",
        lambda: trainers.site_request_email(site_request, site_request.status, [site_request.trainer.email]),
    )
