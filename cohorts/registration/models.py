"""Cohorts (one offering of a program), enrollments, payments and the emails sent about them."""

import re
import secrets
from decimal import Decimal
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from pd_platform.dates import within_planning_years


def validate_time_zone(value):
    if value not in available_timezones():
        raise ValidationError(f"'{value}' is not a time zone name such as America/Los_Angeles.")


# Everyone has an address at these: a site cohort open to one of them would be open to all.
PUBLIC_MAIL_DOMAINS = frozenset(
    {"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "aol.com"}
)
DOMAIN = re.compile(r"^(?=.{4,100}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def normal_domain(value):
    return value.strip().lower().removeprefix("@")


def validate_email_domain(value):
    value = normal_domain(value)
    if not DOMAIN.match(value):
        raise ValidationError(
            f"'{value}' is not an e-mail domain: give what follows the @ of the school's addresses, "
            "such as roosevelt.k12.ca.us."
        )
    if value in PUBLIC_MAIL_DOMAINS:
        raise ValidationError(f"Anyone can have an address at {value}: give the school's own domain.")


def new_invitation_key():
    return secrets.token_urlsafe(18)


class ClosedDay(models.Model):
    """A day the program office is closed, on top of public holidays: not a business day."""

    date = models.DateField(unique=True, validators=[within_planning_years])
    reason = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%a %d %b %Y}{f' ({self.reason})' if self.reason else ''}"


class Cohort(models.Model):
    class Registration(models.TextChoices):
        AUTO = "auto", "Open until its deadlines"
        CLOSED = "closed", "Closed by the program office"

    program = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="cohorts",
        help_text="The course (or workshop series) this cohort offers.",
    )
    name = models.CharField(max_length=60, help_text='For example "Cohort 03".')
    start_date = models.DateField(validators=[within_planning_years])
    end_date = models.DateField(validators=[within_planning_years])
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(10_000)])
    time_zone = models.CharField(max_length=63, default=settings.TIME_ZONE, validators=[validate_time_zone])
    fee = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
        help_text="Registration fee in US dollars.",
    )
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_cohorts")
    registration = models.CharField(max_length=10, choices=Registration.choices, default=Registration.AUTO)
    private = models.BooleanField(
        default=False,
        help_text="A site cohort: kept out of every public listing; people register through its invitation link "
        "or with a verified e-mail address at its domain.",
    )
    invitation_key = models.CharField(max_length=32, unique=True, default=new_invitation_key, editable=False)
    email_domain = models.CharField(
        max_length=100,
        blank=True,
        validators=[validate_email_domain],
        help_text="For a private cohort: people with a verified address at this domain (the school's, such as "
        "roosevelt.k12.ca.us) may register without the link.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="cohort_name_unique_per_program"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="cohort_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cohort_capacity_positive"),
            models.CheckConstraint(
                condition=Q(email_domain="") | Q(private=True), name="cohort_domain_only_if_private"
            ),
        ]

    def __str__(self):
        return f"{self.program.title}: {self.name}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The cohort must end on or after its start date."})
        self.email_domain = normal_domain(self.email_domain)
        if self.email_domain and not self.private:
            raise ValidationError({"email_domain": "Only a private cohort is limited to a domain: tick Private."})


class EnrollmentStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    AWAITING_APPROVAL = "awaiting", "Waiting for approval"
    WAITLISTED = "waitlisted", "Waitlisted"
    CANCELLED = "cancelled", "Cancelled"


# A place waiting for the district's approval holds its seat, as a registered one does.
HOLDS_A_SEAT = (EnrollmentStatus.REGISTERED, EnrollmentStatus.AWAITING_APPROVAL)


class PaymentMethod(models.TextChoices):
    ONLINE = "online", "Online payment"
    PURCHASE_ORDER = "purchase_order", "Purchase order / invoice"


class Enrollment(models.Model):
    Status = EnrollmentStatus
    PaymentMethod = PaymentMethod

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrollments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrollments")
    status = models.CharField(max_length=12, choices=Status.choices)
    payment_method = models.CharField(max_length=16, choices=PaymentMethod.choices)
    paid_at = models.DateTimeField(null=True, blank=True)
    purchase_order_number = models.CharField(max_length=60, blank=True)
    billing_contact_name = models.CharField(max_length=150, blank=True)
    billing_contact_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # Nobody holds two live places in one cohort; a cancelled one may register again.
            models.UniqueConstraint(
                fields=["cohort", "user"],
                condition=~Q(status=EnrollmentStatus.CANCELLED),
                name="one_live_enrollment_per_person_and_cohort",
            ),
            models.CheckConstraint(
                condition=~Q(payment_method=PaymentMethod.PURCHASE_ORDER) | ~Q(purchase_order_number=""),
                name="purchase_order_needs_a_number",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self):
        return f"{self.user} in {self.cohort}"

    @property
    def is_paid(self):
        return self.paid_at is not None


class District(ClusterableModel):
    """A school district: the e-mail domains it owns (its people are known by them), its contracted day and
    its training rate (hours beyond the day are paid at it). Its people are linked to it by what they cannot
    type (``DistrictMembership``)."""

    name = models.CharField(max_length=150, unique=True, help_text="As the program office and the reports name it.")
    contract_start = models.TimeField(default="08:00")
    contract_end = models.TimeField(default="15:30")
    training_rate = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        default=Decimal("50.00"),
        help_text="Pay per hour beyond contracted hours, in US dollars.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def domain_names(self) -> list[str]:
        return [d.domain for d in self.domains.all()]


class DistrictDomain(models.Model):
    """An e-mail domain a district owns: a confirmed address at it places its holder in the district, and
    the supervisors its people name are at it. One district per domain."""

    district = ParentalKey(District, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(
        max_length=100,
        unique=True,
        validators=[validate_email_domain],
        help_text="What follows the @ of the district's staff addresses, such as riverside.k12.ca.us "
        "(that domain only, not its subdomains).",
    )

    class Meta:
        ordering = ["domain"]
        constraints = [models.CheckConstraint(condition=Q(domain=Lower("domain")), name="district_domain_lower_case")]

    def __str__(self):
        return self.domain

    def clean(self):
        self.domain = normal_domain(self.domain)


class DistrictMembership(models.Model):
    """The district a person belongs to, and how the platform knows it: never from what they typed.
    Written only by ``districts.settle_district``."""

    class Source(models.TextChoices):
        OFFICE = "office", "Set by the program office"
        SIGN_IN = "sign_in", "The district's sign-in"
        ADDRESS = "address", "A confirmed address at the district's domain"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="district_membership")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="memberships")
    source = models.CharField(max_length=10, choices=Source.choices)
    evidence = models.CharField(
        max_length=150, blank=True, help_text="The confirmed address's domain, or the sign-in it came from."
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=["office", "sign_in", "address"]), name="district_source_known"
            ),
            models.CheckConstraint(
                condition=Q(source="office") | ~Q(evidence=""), name="derived_district_says_from_what"
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.district} ({self.get_source_display().lower()})"


class ApprovalRule(models.Model):
    """A district that approves professional development before a registration counts."""

    class ApprovedBy(models.TextChoices):
        COORDINATOR = "coordinator", "Its PD coordinator approves every registration"
        SUPERVISOR = "supervisor", "Each person names their supervisor, at the district's domains"

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="approval_rule")
    approved_by = models.CharField(max_length=12, choices=ApprovedBy.choices, default=ApprovedBy.SUPERVISOR)
    coordinator_name = models.CharField(max_length=150, blank=True)
    coordinator_email = models.EmailField(
        blank=True,
        help_text="The district's PD coordinator: approves every registration, or, where supervisors approve, "
        "may be named as one (at any domain).",
    )
    business_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text="Business days the approver has; an unanswered request then lapses and its seat is released.",
    )

    class Meta:
        ordering = ["district__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(business_days__gte=1, business_days__lte=30), name="approval_days_within_a_month"
            ),
            models.CheckConstraint(
                condition=~Q(approved_by="coordinator") | ~Q(coordinator_email=""),
                name="coordinator_approves_with_an_address",
            ),
        ]

    def __str__(self):
        return f"{self.district}: approved by " + (
            self.coordinator_email if self.coordinator_approves else "each person's supervisor"
        )

    @property
    def coordinator_approves(self):
        return self.approved_by == self.ApprovedBy.COORDINATOR

    def clean(self):
        if self.coordinator_approves and not self.coordinator_email:
            raise ValidationError(
                {"coordinator_email": "Give the coordinator's address: they approve every registration."}
            )
        if not self.coordinator_approves and self.district_id and not self.district.domains.exists():
            raise ValidationError(
                {
                    "approved_by": f"Supervisors' addresses must be at {self.district}'s e-mail domains, and it has "
                    "none yet: add them under Districts, or have the coordinator approve."
                }
            )


class Approval(models.Model):
    """A registration's request for approval, answered once through a signed link."""

    class Decision(models.TextChoices):
        PENDING = "pending", "Waiting"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        LAPSED = "lapsed", "Lapsed (no answer in time)"
        WITHDRAWN = "withdrawn", "Withdrawn (the registration was cancelled)"

    enrollment = models.OneToOneField(Enrollment, on_delete=models.CASCADE, related_name="approval")
    approver_email = models.EmailField()
    approver_name = models.CharField(max_length=150, blank=True)
    requested_at = models.DateTimeField()
    due_at = models.DateTimeField()
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(max_length=1000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="pending", decided_at__isnull=True)
                | (~Q(decision="pending") & Q(decided_at__isnull=False)),
                name="approval_decided_once_with_its_time",
            ),
            models.CheckConstraint(condition=~Q(decision="declined") | ~Q(reason=""), name="a_decline_gives_a_reason"),
        ]
        indexes = [models.Index(fields=["decision", "due_at"])]

    def __str__(self):
        return f"{self.enrollment}: {self.get_decision_display()} by {self.approver_email}"

    @property
    def approver(self):
        """Who approves, as people read it: the name when the district gave one."""
        return self.approver_name or self.approver_email


class Payment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        FAILED = "failed", "Failed"
        REFUNDED = "refunded", "Refunded"

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(max_length=30)
    reference = models.CharField(max_length=100, unique=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    # The provider's own references: a Stripe Checkout Session and the PaymentIntent that paid it.
    checkout_id = models.CharField(max_length=255, blank=True, db_index=True)
    payment_intent = models.CharField(max_length=255, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    # Who in the program office gave the money back, and when they asked the provider (a Stripe refund is
    # asked first and confirmed by its webhook later). Nobody: refunded from the provider's own dashboard.
    refund_requested_at = models.DateTimeField(null=True, blank=True)
    refunded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "refunded_at"])]

    def __str__(self):
        return f"{self.provider} {self.reference} ({self.status})"


class StripeEvent(models.Model):
    """Every webhook event Stripe sent, verified, stored once: a replay finds its row and changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    created = models.DateTimeField(help_text="When Stripe made the event (events may arrive out of order).")
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class PendingInvitation(models.Model):
    """An invitation link someone followed before they were signed in, kept with their account from
    sign-up or sign-in until they register for its cohort: so it survives e-mail confirmation in another
    tab or browser, and their first home page takes them to the cohort's registration."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    landed_at = models.DateTimeField(
        null=True, blank=True, help_text="When their home page sent them to the registration (once)."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "cohort"], name="one_pending_invitation_per_cohort")]
