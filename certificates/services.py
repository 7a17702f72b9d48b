"""Awarding, issuing, revoking and re-issuing certificates. One transaction each."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from cohorts.coursework.selectors import enrollment_progress, program_hours
from cohorts.hours.services import credit_course_completion, withdraw_course_completion
from cohorts.registration.models import Enrollment
from modules.models import CoursePage
from pd_platform import certificate_holds, outbox
from pd_platform.sanitize import plain_text

from . import credentials, pdf, signing
from .models import Certificate


class CertificateError(Exception):
    pass


def live_certificate(enrollment_id):
    return Certificate.objects.filter(
        enrollment_id=enrollment_id, revoked_at__isnull=True, replaced_at__isnull=True
    ).first()


def _new_certificate(enrollment, now, **extra):
    program = enrollment.cohort.program.specific
    certificate = _create(enrollment, program, now, **extra)
    if isinstance(program, CoursePage):
        # An asynchronous course's hours are credited on completion (workshops credit as they go).
        credit_course_completion(enrollment, certificate.hours, timezone.localdate(now))
    return certificate


def valid_until(program, issued_at):
    """When a certificate of the program stops being valid: its validity in years after issue, or never."""
    years = getattr(program, "certificate_valid_years", None)
    if not years:
        return None
    try:
        return issued_at.replace(year=issued_at.year + years)
    except ValueError:  # issued on February 29th
        return issued_at.replace(year=issued_at.year + years, day=28)


def _create(enrollment, program, now, **extra):
    signatory_name, signatory_title = credentials.signatory()
    return Certificate.objects.create(
        enrollment=enrollment,
        full_name=enrollment.user.full_name or enrollment.user.email,
        course_title=program.title,
        cohort_name=enrollment.cohort.name,
        hours=program_hours(program.pk),
        issued_at=now,
        valid_until=valid_until(program, now),
        signatory_name=signatory_name,
        signatory_title=signatory_title,
        **extra,
    )


def _produce_after_commit(certificate):
    outbox.enqueue("certificates.tasks.produce_certificate", certificate.pk)


def award_certificate_if_complete(enrollment_id, now=None):
    """Issue the enrollment's certificate if its progress meets the course threshold.

    Idempotent and safe to run concurrently: the enrollment row is locked, and a unique
    constraint makes a second live certificate impossible even so.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            enrollment = (
                Enrollment.objects.select_for_update().select_related("user", "cohort__program").get(pk=enrollment_id)
            )
            existing = live_certificate(enrollment.pk)
            if existing is not None:
                return existing
            if enrollment.status != Enrollment.Status.REGISTERED or not enrollment_progress(enrollment).met:
                return None
            if certificate_holds.reason_to_wait(enrollment):
                return None  # e.g. the program's evaluation comes first; its answer awards again
            if Certificate.objects.filter(enrollment=enrollment, revoked_at__isnull=False).exists():
                return None  # revoked by an admin: only an admin issues again
            certificate = _new_certificate(enrollment, now)
            _produce_after_commit(certificate)
            return certificate
    except IntegrityError:
        return live_certificate(enrollment_id)


REASON_MAX_CHARACTERS = 2000


def _reason(text, missing):
    """An admin's reason as stored: plain text, present, and of a length a person writes."""
    text = plain_text(text).strip()
    if not text:
        raise CertificateError(missing)
    if len(text) > REASON_MAX_CHARACTERS:
        raise CertificateError(f"Keep the reason under {REASON_MAX_CHARACTERS:,} characters.")
    return text


def issue_certificate(enrollment, by, reason, now=None):
    """An admin issues a certificate by hand (an override, recorded with its reason)."""
    reason = _reason(reason, "Give the reason for issuing by hand: it is kept with the certificate.")
    now = now or timezone.now()
    try:
        with transaction.atomic():
            enrollment = (
                Enrollment.objects.select_for_update().select_related("user", "cohort__program").get(pk=enrollment.pk)
            )
            if live_certificate(enrollment.pk):
                raise CertificateError("This participant already holds a valid certificate for this cohort.")
            certificate = _new_certificate(enrollment, now, issued_by=by, issue_reason=reason.strip())
            _produce_after_commit(certificate)
    except IntegrityError:
        raise CertificateError("This participant already holds a valid certificate for this cohort.") from None
    return certificate


def revoke_certificate(certificate, by, reason, now=None):
    """The certificate stops verifying, and the hours it credited leave the participant's transcript and
    the training-hour reports in the same transaction (a re-issue credits them again, once)."""
    reason = _reason(reason, "Give the reason for revoking: the verify page shows that it was revoked.")
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update().select_related("enrollment__cohort__program").get(pk=certificate.pk)
        )
        if certificate.revoked_at:
            return certificate
        if certificate.replaced_at:
            raise CertificateError("This certificate was already replaced by a re-issue: revoke the new one.")
        certificate.revoked_at = now or timezone.now()
        certificate.revoke_reason = reason.strip()
        certificate.save(update_fields=["revoked_at", "revoke_reason"])
        withdraw_course_completion(certificate.enrollment)
    return certificate


def can_reissue(certificate, live_enrollment_ids=frozenset()):
    """A valid certificate may be re-issued (a corrected name); so may a revoked one, once, while its
    enrollment holds no valid certificate (the revocation was a mistake, or is settled)."""
    if certificate.status == Certificate.Status.VALID:
        return True
    return (
        certificate.status == Certificate.Status.REVOKED
        and certificate.superseded_by_id is None
        and certificate.enrollment_id not in live_enrollment_ids
    )


def reissue_certificate(certificate, by, reason, now=None):
    """A new code and PDF (e.g. a corrected name); the old one is marked superseded. A revoked one
    stays revoked, and its enrollment's hours are credited again (once: the ledger holds one entry)."""
    reason = _reason(reason, "Give the reason for re-issuing: it is kept with the new certificate.")
    now = now or timezone.now()
    try:
        with transaction.atomic():
            old = (
                Certificate.objects.select_for_update()
                .select_related("enrollment__user", "enrollment__cohort__program")
                .get(pk=certificate.pk)
            )
            live = {old.enrollment_id} if live_certificate(old.enrollment_id) else set()
            if not can_reissue(old, live):
                raise CertificateError(
                    "Only a valid certificate, or a revoked one whose participant holds no valid certificate "
                    "and which was not re-issued before, can be re-issued."
                )
            if old.status == Certificate.Status.VALID:
                old.replaced_at = now
                old.save(update_fields=["replaced_at"])
            new = _new_certificate(
                old.enrollment, now, issued_by=by, issue_reason=f"Re-issue of {old.code}: {reason.strip()}"
            )
            old.superseded_by = new
            old.save(update_fields=["superseded_by"])
            _produce_after_commit(new)
    except IntegrityError:
        raise CertificateError("This participant already holds a valid certificate for this cohort.") from None
    return new


def issue_credential(certificate_id):
    """The certificate's Open Badges credential, made and stored once (the PDF embeds the same one)."""
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update()
            .select_related("enrollment__user", "enrollment__cohort__program")
            .get(pk=certificate_id)
        )
        if not certificate.credential:
            program = certificate.enrollment.cohort.program.specific
            credential = credentials.credential_of(
                certificate,
                credentials.achievement_of(program, certificate.hours),
                credentials.issuer_profile(),
                certificate.enrollment.user.email,
            )
            certificate.credential = credentials.secure(credential, certificate)
            certificate.save(update_fields=["credential"])
    return certificate


def produce_certificate(certificate_id):
    """Make the credential, render, sign and store the PDF, then email it. Idempotent: each step happens once."""
    certificate = Certificate.objects.select_related("enrollment__user").get(pk=certificate_id)
    if not certificate.is_ready:
        certificate = issue_credential(certificate.pk)
        signed = signing.sign_pdf(
            pdf.render_certificate_pdf(certificate, certificate.credential),
            reason=f"Certificate of completion {certificate.code}",
        )
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
            if not locked.is_ready:
                locked.pdf.save(f"{locked.code}.pdf", ContentFile(signed), save=False)
                locked.sha256 = hashlib.sha256(signed).hexdigest()
                locked.save(update_fields=["pdf", "sha256"])
            certificate = locked
    _email_once(certificate)
    return certificate


def _email_once(certificate):
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    with transaction.atomic():
        locked = Certificate.objects.select_for_update().select_related("enrollment__user").get(pk=certificate.pk)
        if locked.emailed_at or locked.status != Certificate.Status.VALID:
            return False
        message = EmailMessage(
            subject=f"[{settings.SITE_NAME}] Your certificate: {locked.course_title}",
            body=render_to_string(
                "certificates/email_certificate.txt",
                {
                    "c": locked,
                    "verify_url": pdf.verify_url(locked),
                    "site_name": settings.SITE_NAME,
                },
            ),
            to=[locked.enrollment.user.email],
        )
        with locked.pdf.open("rb") as fh:
            message.attach(f"certificate-{locked.code}.pdf", fh.read(), "application/pdf")
        message.send()
        locked.emailed_at = timezone.now()
        locked.save(update_fields=["emailed_at"])
    return True
