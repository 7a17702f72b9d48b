"""Celery tasks: thin, idempotent callers of the email and access services.

Task names are data (queued outbox rows, the beat schedule): each is pinned, so moving the
code never strands a queued task."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import documents, refunds
from .approvals import requests as approvals
from .approvals import services as approval_services
from .models import Approval, Enrollment, Payment
from .notifications import Kind, send_about_enrollment
from .selectors import enrollments_awaiting_access


def approval_url(approval):
    return settings.SITE_URL.rstrip("/") + reverse("cohorts:approval", args=[approvals.link_token(approval)])


def _enrollment(enrollment_id):
    return Enrollment.objects.select_related("cohort", "cohort__program", "user").get(pk=enrollment_id)


@shared_task(name="registration.send_registration_confirmation")
def send_registration_confirmation(enrollment_id):
    enrollment = _enrollment(enrollment_id)
    if enrollment.status == Enrollment.Status.WAITLISTED:
        subject = f"You are on the waitlist for {enrollment.cohort.name}"
    elif enrollment.status == Enrollment.Status.AWAITING_APPROVAL:
        subject = f"Registration received, waiting for approval: {enrollment.cohort.program.title}"
    else:
        subject = f"Registration confirmed: {enrollment.cohort.program.title}, {enrollment.cohort.name}"
    return send_about_enrollment(enrollment, Kind.REGISTRATION_CONFIRMATION, subject, "registration_confirmation")


@shared_task(name="registration.send_invoice")
def send_invoice(enrollment_id):
    """To the billing contact the teacher named, copying the teacher (who is told so on My courses)."""
    enrollment = _enrollment(enrollment_id)
    number = documents.invoice_number(enrollment)
    billing = enrollment.billing_contact_email
    return send_about_enrollment(
        enrollment,
        Kind.INVOICE,
        f"Invoice {number} for {enrollment.cohort.program.title}",
        "invoice",
        {"number": number, "to_billing_contact": bool(billing)},
        attachments=[(f"{number}.pdf", documents.invoice_pdf(enrollment), "application/pdf")],
        to=[billing] if billing else None,
        cc=[enrollment.user.email] if billing and billing.lower() != enrollment.user.email.lower() else (),
    )


@shared_task(name="registration.send_receipt")
def send_receipt(payment_id):
    payment = Payment.objects.select_related("enrollment").get(pk=payment_id)
    enrollment = _enrollment(payment.enrollment_id)
    return send_about_enrollment(
        enrollment,
        Kind.RECEIPT,
        f"Receipt for {enrollment.cohort.program.title}, {enrollment.cohort.name}",
        "receipt",
        {"payment": payment},
        attachments=[(f"{documents.receipt_number(payment)}.pdf", documents.receipt_pdf(payment), "application/pdf")],
    )


@shared_task(name="registration.send_waitlist_promotion")
def send_waitlist_promotion(enrollment_id):
    enrollment = _enrollment(enrollment_id)
    return send_about_enrollment(
        enrollment,
        Kind.WAITLIST_PROMOTION,
        f"A place opened for you in {enrollment.cohort.name}",
        "waitlist_promotion",
    )


@shared_task(name="registration.send_approval_request")
def send_approval_request(approval_id):
    """To the approver: who registered for what, and the signed link to answer by."""
    approval = Approval.objects.get(pk=approval_id)
    enrollment = _enrollment(approval.enrollment_id)
    if approval.decision != Approval.Decision.PENDING:
        return False  # answered, withdrawn or lapsed before the outbox sent it
    return send_about_enrollment(
        enrollment,
        Kind.APPROVAL_REQUEST,
        f"Approval requested: {enrollment.user.full_name}, {enrollment.cohort.program.title}",
        "approval_request",
        {"approval": approval, "answer_url": approval_url(approval)},
        to=[approval.approver_email],
    )


@shared_task(name="registration.send_approval_outcome")
def send_approval_outcome(approval_id):
    """To the teacher, copied to the approver: approved, declined (with the reason) or lapsed."""
    approval = Approval.objects.get(pk=approval_id)
    enrollment = _enrollment(approval.enrollment_id)
    if approval.decision in (Approval.Decision.PENDING, Approval.Decision.WITHDRAWN):
        return False
    return send_about_enrollment(
        enrollment,
        Kind.APPROVAL_OUTCOME,
        f"{approval.get_decision_display().split(' (')[0]}: your registration for {enrollment.cohort.name}",
        "approval_outcome",
        {"approval": approval},
        cc=[approval.approver_email],
    )


@shared_task(name="registration.send_checkout_expired")
def send_checkout_expired(enrollment_id):
    enrollment = _enrollment(enrollment_id)
    register = reverse("cohorts:register", args=[enrollment.cohort.program_id])
    return send_about_enrollment(
        enrollment,
        Kind.CHECKOUT_EXPIRED,
        f"Your place in {enrollment.cohort.name} was released: the payment was not completed",
        "checkout_expired",
        {"register_url": settings.SITE_URL.rstrip("/") + register},
    )


@shared_task(name="registration.send_cancellation")
def send_cancellation(enrollment_id, cancelled_by):
    """To the person whose place was cancelled (by them or by the office): what happens to their money."""
    enrollment = _enrollment(enrollment_id)
    if enrollment.status != Enrollment.Status.CANCELLED:
        return False
    return send_about_enrollment(
        enrollment,
        Kind.CANCELLATION,
        f"Your place in {enrollment.cohort.name} is cancelled",
        "cancellation",
        {"by_office": cancelled_by == "office", "money": refunds.money_of(enrollment)},
    )


@shared_task(name="registration.send_refund_notice")
def send_refund_notice(payment_id):
    """To the person whose payment went back: how much, when, and by which route."""
    payment = Payment.objects.get(pk=payment_id)
    if payment.status != Payment.Status.REFUNDED:
        return False
    enrollment = _enrollment(payment.enrollment_id)
    return send_about_enrollment(
        enrollment,
        Kind.REFUND,
        f"Refunded: ${payment.amount} for {enrollment.cohort.program.title}, {enrollment.cohort.name}",
        "refund",
        {"payment": payment, "route": refunds.route(payment), "refunded_on": refunds.day(payment.refunded_at)},
    )


@shared_task(name="registration.lapse_overdue_approvals")
def lapse_overdue_approvals():
    return approval_services.lapse_overdue()


@shared_task(name="registration.send_access_information")
def send_access_information(enrollment_id):
    from modules.models import WorkshopSeriesPage

    enrollment = _enrollment(enrollment_id)
    cohort = enrollment.cohort
    return send_about_enrollment(
        enrollment,
        Kind.ACCESS_OPEN,
        f"Welcome: {cohort.program.title} is open to you",
        "access_open",
        {
            # A workshop series has workshops and online learning, not a Welcome module and modules 01-06.
            "workshop_series": issubclass(cohort.program.specific_class, WorkshopSeriesPage),
            "started": cohort.start_date < timezone.localdate(),
        },
    )


@shared_task(name="registration.release_course_access")
def release_course_access():
    """Periodic (Celery beat): welcome everyone whose course access has opened."""
    ids = enrollments_awaiting_access(timezone.now())
    for enrollment_id in ids:
        send_access_information.delay(enrollment_id)
    return len(ids)


@shared_task(name="registration.settle_district_people")
def settle_district_people(district_id):
    """After the office edits a district: its people, and those with a confirmed address at its domains."""
    from .districts import settle_district_people as settle

    return settle(district_id)
