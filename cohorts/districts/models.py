"""Who coordinates which district, the programs a district requires of its staff, the read-only links a
coordinator shares, and the district's logo."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from cohorts.registration.models import District

# The reports a coordinator may download or share (their rows are ``reports.py``'s).
REPORTS = [
    ("people", "People"),
    ("registrations", "Registrations and progress"),
    ("hours", "Training hours"),
    ("certificates", "Certificates"),
    ("invoices", "Invoices and payments"),
]


class DistrictCoordinator(models.Model):
    """A person the program office made a district's PD coordinator. Written only by
    ``services.grant_coordinator`` / ``services.revoke_coordinator`` (which keep the role's group in step)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinates")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="coordinators")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField()

    class Meta:
        ordering = ["district__name", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["user", "district"], name="one_coordinator_row_per_district")]

    def __str__(self):
        return f"{self.user} coordinates {self.district}"


class RequiredTrack(models.Model):
    """A program the district requires of a group of its staff: named by address, or everyone at a school."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="required_tracks")
    program = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=150)
    school = models.CharField(max_length=150, blank=True, help_text="Everyone in the district at this school.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.title} ({self.district})"


class RequiredTrackAddress(models.Model):
    track = models.ForeignKey(RequiredTrack, on_delete=models.CASCADE, related_name="addresses")
    email = models.EmailField()

    class Meta:
        ordering = ["email"]
        constraints = [models.UniqueConstraint(fields=["track", "email"], name="one_address_per_track")]


def new_share_key():
    return secrets.token_urlsafe(12)


class ShareLink(models.Model):
    """A read-only link to one of a district's reports, for someone without an account: signed, until a
    time, revocable; each opening is logged (``ShareLinkUse``)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="share_links")
    report = models.CharField(max_length=20, choices=REPORTS)
    key = models.CharField(max_length=32, unique=True, default=new_share_key, editable=False)
    label = models.CharField(max_length=150, blank=True, help_text="Who it is for, as you will recognise it.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="link_expires_later")
        ]

    def __str__(self):
        return f"{self.get_report_display()} of {self.district}"


class ShareLinkUse(models.Model):
    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="uses")
    used_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-used_at", "-id"]


class DistrictBrand(models.Model):
    """Light branding: the district's logo on its workspace pages."""

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="brand")
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    logo_alt = models.CharField(max_length=150, blank=True, help_text="What the logo says, for screen readers.")

    def __str__(self):
        return f"{self.district}'s logo"
