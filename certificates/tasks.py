from celery import shared_task

from pd_platform import follow_ups
from pd_platform.send_once import send_once

from . import services


@shared_task(name="certificates.award_certificate")
def award_certificate(enrollment_id):
    certificate = services.award_certificate_if_complete(enrollment_id)
    return certificate.pk if certificate else None


@shared_task(name=services.AWARD_FOLLOW_UP, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def award_when_complete(submission_id, previous, status):
    """A submission became (or stopped being) complete: the enrollment may have crossed the threshold.
    Idempotent (``award_certificate_if_complete`` issues at most one live certificate)."""
    certificate = services.award_after_status_change(submission_id, previous, status)
    return certificate.pk if certificate else None


# Registered here, where the task is defined; pd_platform.registries imports this module once.
follow_ups.register(follow_ups.SUBMISSION_STATUS_CHANGED, award_when_complete.name)


@shared_task(name="certificates.produce_certificate", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def produce_certificate(certificate_id):
    return services.produce_certificate(certificate_id).pk


def _site_request(site_request_id):
    from .models import SiteCohortRequest

    return SiteCohortRequest.objects.select_related("trainer", "cohort").get(pk=site_request_id)


@shared_task(name="certificates.tell_office_of_site_request")
def tell_office_of_site_request(site_request_id):
    """To the program office (everyone holding the Admin role): a trainer asks for a site cohort."""
    from . import trainers

    site_request = _site_request(site_request_id)
    office = trainers.office_addresses()
    if not office:
        return False
    return send_once(
        lambda: trainers.site_request_email(site_request, "office", office),
        site_request.trainer,
        "certificates.site_request_to_office",
        f"site_request:{site_request.pk}",
    )


@shared_task(name="certificates.tell_trainer_of_decision")
def tell_trainer_of_decision(site_request_id):
    """To the trainer: their site cohort request was approved (with the cohort's invitation link) or declined."""
    from . import trainers

    site_request = _site_request(site_request_id)
    if site_request.status == site_request.Status.PENDING:
        return False
    return send_once(
        lambda: trainers.site_request_email(site_request, site_request.status, [site_request.trainer.email]),
        site_request.trainer,
        "certificates.site_request_decision",
        f"site_request:{site_request.pk}",
    )
