"""Awarding, issuing, revoking and re-issuing certificates. One transaction each."""

import hashlib
from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page

from cohorts.coursework.models import Submission
from cohorts.coursework.selectors import enrollment_progress, program_hours
from cohorts.hours.services import credit_course_completion, withdraw_course_completion
from cohorts.registration.models import Cohort, Enrollment
from modules.models import CoursePage
from pd_platform import certificate_holds, outbox
from pd_platform.accounts.models import User
from pd_platform.sanitize import plain_text
from pd_platform.send_once import send_once

from . import pdf, signing, trainers
from .credentials import keys as credential_keys
from .credentials import open_badges as credentials
from .credentials import upgrade as credential_upgrade
from .models import Certificate, SiteCohortRequest


class CertificateError(Exception):
    pass


def live_certificate(enrollment_id: int) -> Certificate | None:
    return Certificate.objects.filter(
        enrollment_id=enrollment_id, revoked_at__isnull=True, replaced_at__isnull=True
    ).first()


def _new_certificate(enrollment: Enrollment, now: datetime, **extra: Any) -> Certificate:
    program = enrollment.cohort.program.specific
    certificate = _create(enrollment, program, now, **extra)
    if isinstance(program, CoursePage):
        # An asynchronous course's hours are credited on completion (workshops credit as they go).
        credit_course_completion(enrollment, certificate.hours, timezone.localdate(now))
    return certificate


def valid_until(program: Page, issued_at: datetime) -> datetime | None:
    """When a certificate of the program stops being valid: its validity in years after issue, or never."""
    years = getattr(program, "certificate_valid_years", None)
    if not years:
        return None
    try:
        return issued_at.replace(year=issued_at.year + years)
    except ValueError:  # issued on February 29th
        return issued_at.replace(year=issued_at.year + years, day=28)


def _create(enrollment: Enrollment, program: Page, now: datetime, **extra: Any) -> Certificate:
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


def _produce_after_commit(certificate: Certificate) -> None:
    outbox.enqueue("certificates.produce_certificate", certificate.pk)


AWARD_FOLLOW_UP = "certificates.award_when_complete"


def award_after_status_change(submission_id: int, previous: str, status: str) -> Certificate | None:
    """The completion engine's follow-up of a submission's status change (``pd_platform.follow_ups``):
    a change to or from complete may cross the course threshold."""
    if Submission.Status.COMPLETE not in (previous, status):
        return None
    enrollment_id = Submission.objects.filter(pk=submission_id).values_list("enrollment_id", flat=True).first()
    return award_certificate_if_complete(enrollment_id) if enrollment_id else None


def award_certificate_if_complete(enrollment_id: int, now: datetime | None = None) -> Certificate | None:
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


@transaction.atomic
def award_cohort(cohort: Cohort) -> list[Certificate]:
    """Run the completion engine over every enrollment of ``cohort``; the certificates it holds."""
    enrollment_ids = list(Enrollment.objects.filter(cohort=cohort).order_by("pk").values_list("pk", flat=True))
    return [certificate for certificate in map(award_certificate_if_complete, enrollment_ids) if certificate]


@transaction.atomic
def decide_site_request(site_request: SiteCohortRequest, by: User, approve: bool, reason: str = "") -> Any:
    """The program office approves a trainer's site cohort (returns the cohort it opens) or declines it,
    saying why (returns the request). Raises ``trainers.TrainerError`` when it cannot be decided so."""
    if approve:
        return trainers.approve_site_cohort(site_request, by, size_override_reason=reason)
    return trainers.decline_site_cohort(site_request, by, reason)


REASON_MAX_CHARACTERS = 2000


def _reason(text: str, missing: str) -> str:
    """An admin's reason as stored: plain text, present, and of a length a person writes."""
    text = plain_text(text).strip()
    if not text:
        raise CertificateError(missing)
    if len(text) > REASON_MAX_CHARACTERS:
        raise CertificateError(f"Keep the reason under {REASON_MAX_CHARACTERS:,} characters.")
    return text


def issue_certificate(enrollment: Enrollment, by: User, reason: str, now: datetime | None = None) -> Certificate:
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


def revoke_certificate(certificate: Certificate, by: User, reason: str, now: datetime | None = None) -> Certificate:
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


def can_reissue(certificate: Certificate, live_enrollment_ids: Container[int] = frozenset()) -> bool:
    """A valid certificate may be re-issued (a corrected name); so may a revoked one, once, while its
    enrollment holds no valid certificate (the revocation was a mistake, or is settled)."""
    if certificate.status == Certificate.Status.VALID:
        return True
    return (
        certificate.status == Certificate.Status.REVOKED
        and certificate.superseded_by_id is None
        and certificate.enrollment_id not in live_enrollment_ids
    )


def reissue_certificate(certificate: Certificate, by: User, reason: str, now: datetime | None = None) -> Certificate:
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


def issue_credential(certificate_id: int) -> Certificate:
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
            certificate.credential = credentials.secure(credential)
            certificate.save(update_fields=["credential"])
    return certificate


@dataclass(frozen=True)
class Resigned:
    resigned: int = 0
    not_ours: tuple[str, ...] = ()  # codes of earlier-form credentials no key of ours signed: left as they are


def resign_earlier_credentials(model: Any = Certificate) -> Resigned:
    """Every credential still in the earlier (VC 1.1-style) form, signed again in today's OB 3.0 form with
    the current key: the same credential (id, validity dates, status-list entry, what it says), which is
    what ``/credentials/<code>`` then serves. The signed PDFs are left as they are (they embed the earlier
    form; the verify page knows it). Safe to run again. ``model`` is the historical model in a migration."""
    count, not_ours = 0, []
    rows = model.objects.exclude(credential="").values_list("pk", "credential").order_by("pk")
    # Found first, written after: SQLite does not isolate a batched read from writes to the same table.
    earlier = [
        pk
        for pk, token in rows.iterator(chunk_size=500)
        if credential_upgrade.is_earlier_form(credential_upgrade.unverified_payload(token))
    ]
    for pk in earlier:
        code, token = model.objects.values_list("code", "credential").get(pk=pk)
        try:
            credential = credential_upgrade.current_form(token, code)
        except credential_keys.InvalidCredential:
            not_ours.append(code)
            continue
        # Written only if nobody changed it meanwhile (a concurrent run re-signed it first).
        count += model.objects.filter(pk=pk, credential=token).update(credential=credentials.secure(credential))
    return Resigned(count, tuple(not_ours))


def produce_certificate(certificate_id: int) -> Certificate:
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


EMAIL_KIND = "certificates.certificate"


def _email_once(certificate: Certificate) -> bool:
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    with transaction.atomic():
        locked = Certificate.objects.select_for_update().select_related("enrollment__user").get(pk=certificate.pk)
        if locked.status != Certificate.Status.VALID:
            return False

        def message() -> EmailMessage:
            email = EmailMessage(
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
                email.attach(f"certificate-{locked.code}.pdf", fh.read(), "application/pdf")
            return email

        return send_once(message, locked.enrollment.user, EMAIL_KIND, f"certificate:{locked.pk}")
