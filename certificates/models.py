"""Certificates of completion: a signed PDF each, verifiable by its code or by the file."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cohorts.registration.models import validate_email_domain
from pd_platform.dates import within_planning_years
from pd_platform.storage import private_storage

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed safely


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", "Valid"
        REVOKED = "revoked", "Revoked"
        SUPERSEDED = "superseded", "Superseded"
        EXPIRED = "expired", "Expired"

    enrollment = models.ForeignKey("cohorts.Enrollment", on_delete=models.PROTECT, related_name="certificates")
    full_name = models.CharField(max_length=150, help_text="As printed.")
    course_title = models.CharField(max_length=255, help_text="As printed.")
    cohort_name = models.CharField(max_length=60)
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    issued_at = models.DateTimeField()
    valid_until = models.DateTimeField(
        null=True, blank=True, help_text="Set when the program's certificates are valid for a number of years."
    )
    code = models.CharField(max_length=16, unique=True, default=new_code, editable=False)
    pdf = models.FileField(storage=private_storage, upload_to="certificates/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    credential = models.TextField(
        blank=True, help_text="The Open Badges 3.0 credential (a VC-JWT), as embedded in the PDF."
    )
    signatory_name = models.CharField(max_length=150)
    signatory_title = models.CharField(max_length=150)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Set when an admin issued it by hand (an override).",
    )
    issue_reason = models.TextField(blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.TextField(blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True, help_text="When a re-issue replaced it.")
    superseded_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            # However many awards run, at once or again: one live certificate per enrollment.
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=Q(revoked_at__isnull=True, replaced_at__isnull=True),
                name="one_live_certificate_per_enrollment",
            )
        ]

    def __str__(self):
        return f"{self.code}: {self.full_name}, {self.course_title}"

    @property
    def status(self):
        if self.revoked_at:
            return self.Status.REVOKED
        if self.replaced_at:
            return self.Status.SUPERSEDED
        if self.valid_until and self.valid_until <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def is_ready(self):
        return bool(self.pdf and self.sha256)


class SiteCohortRequest(models.Model):
    """A certified teacher leader asks to run the workshop series for their own site."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="site_cohort_requests")
    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="+")
    site = models.CharField(max_length=150)
    first_date = models.DateField(validators=[within_planning_years])
    expected_size = models.PositiveSmallIntegerField()
    email_domain = models.CharField(max_length=100, blank=True, validators=[validate_email_domain])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    cohort = models.OneToOneField(
        "cohorts.Cohort", on_delete=models.PROTECT, null=True, blank=True, related_name="site_request"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Why the office approved a group smaller than the series runs for (its recorded exception), or declined.
    size_override_reason = models.TextField(max_length=1000, blank=True)
    decline_reason = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.site} ({self.trainer})"
