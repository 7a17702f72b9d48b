"""Cohorts (one offering of a program), enrollments, payments and the emails sent about them."""

from decimal import Decimal
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from pd_platform.storage import private_storage


def validate_time_zone(value):
    if value not in available_timezones():
        raise ValidationError(f"'{value}' is not a time zone name such as America/Los_Angeles.")


def within_planning_years(value):
    """A date a program office could mean: 9999-12-31 would overflow the deadline arithmetic."""
    if not 2000 <= value.year <= 2100:
        raise ValidationError("Give a date between the years 2000 and 2100.")


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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="cohort_name_unique_per_program"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="cohort_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cohort_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.program.title}: {self.name}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The cohort must end on or after its start date."})


class Enrollment(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", "Registered"
        WAITLISTED = "waitlisted", "Waitlisted"
        CANCELLED = "cancelled", "Cancelled"

    class PaymentMethod(models.TextChoices):
        ONLINE = "online", "Online payment"
        PURCHASE_ORDER = "purchase_order", "Purchase order / invoice"

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
                condition=~Q(status="cancelled"),
                name="one_live_enrollment_per_person_and_cohort",
            ),
            models.CheckConstraint(
                condition=~Q(payment_method="purchase_order") | ~Q(purchase_order_number=""),
                name="purchase_order_needs_a_number",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self):
        return f"{self.user} in {self.cohort}"

    @property
    def is_paid(self):
        return self.paid_at is not None


class Payment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        FAILED = "failed", "Failed"

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(max_length=30)
    reference = models.CharField(max_length=100, unique=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.provider} {self.reference} ({self.status})"


class Notification(models.Model):
    """An email sent about an enrollment. One of each kind at most: tasks may run twice."""

    class Kind(models.TextChoices):
        REGISTRATION_CONFIRMATION = "registration_confirmation", "Registration confirmation"
        INVOICE = "invoice", "Invoice"
        RECEIPT = "receipt", "Receipt"
        ACCESS_OPEN = "access_open", "Welcome and course access"
        WAITLIST_PROMOTION = "waitlist_promotion", "Waitlist promotion"

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrollment", "kind"], name="one_notification_of_each_kind")]


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete history (revisions, reviews)."""


class AppendOnly(models.Model):
    """History that is written once: saving an existing row or deleting one is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only: it cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} is append-only: it cannot be deleted.")


class Submission(models.Model):
    """One per enrollment and required activity; what the completion engine reads."""

    class Status(models.TextChoices):
        MISSING = "missing", "Missing"
        SUBMITTED = "submitted", "Submitted"
        NEEDS_REVISION = "needs_revision", "Needs revision"
        COMPLETE = "complete", "Complete"

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="submissions")
    activity = models.ForeignKey("modules.Activity", on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.MISSING)
    submitted_at = models.DateTimeField(null=True, blank=True, help_text="When the latest revision came in.")
    updated_at = models.DateTimeField(auto_now=True)
    draft = models.TextField(blank=True, help_text="Saved as the participant types; not yet submitted.")
    draft_saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrollment", "activity"], name="one_submission_per_activity")]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.activity} by {self.enrollment.user}"


class Revision(AppendOnly):
    """What a participant submitted, once. Never changed, never deleted."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    source = models.TextField(help_text="What the participant wrote (Markdown).")
    body = models.TextField(help_text="The same, as sanitized HTML.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="revision_numbers_unique")]


class Attachment(AppendOnly):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="submissions/%Y/%m/")
    name = models.CharField(max_length=150, help_text="The file's name, made safe.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.name


class Review(AppendOnly):
    """A facilitator's rating of one revision. Reviews are history: each is kept."""

    class Rating(models.TextChoices):
        COMPLETE = "complete", "Complete"
        NEEDS_REVISION = "needs_revision", "Needs revision"

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews_given",
        help_text="Empty when a participation rule completed it.",
    )
    rating = models.CharField(max_length=16, choices=Rating.choices)
    feedback = models.TextField(help_text="Sanitized HTML.")
    rubric = models.JSONField(default=list, blank=True, help_text='[{"criterion", "meets", "comment"}]')
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class DiscussionPost(models.Model):
    """A post or a reply in a cohort's discussion of one activity."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="posts")
    activity = models.ForeignKey("modules.Activity", on_delete=models.PROTECT, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies")
    source = models.TextField()
    body = models.TextField(help_text="Sanitized HTML.")
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    form_token = models.CharField(
        max_length=80,
        blank=True,
        default="",
        help_text="The one-time token of the form it was posted from: a double-click posts once.",
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["cohort", "activity", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "form_token"], condition=~models.Q(form_token=""), name="cohorts_post_once_per_form"
            ),
        ]


class FeedbackNotice(models.Model):
    """The email telling a participant that feedback arrived: at most one per review."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="notice")
    sent_at = models.DateTimeField(auto_now_add=True)


class SubmissionReceipt(models.Model):
    """The email confirming a participant's submission: at most one per revision."""

    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="receipt")
    sent_at = models.DateTimeField(auto_now_add=True)


class District(models.Model):
    """A district's contracted day and training rate: hours outside it are paid."""

    name = models.CharField(max_length=150, unique=True, help_text="As participants write it in their profile.")
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


class WorkshopSession(models.Model):
    """One scheduled workshop of a cohort of the workshop series."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    workshop = models.ForeignKey("modules.WorkshopPage", on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    place = models.CharField(max_length=255, blank=True, help_text="A room, or an online meeting link.")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions_led"
    )

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "workshop"], name="one_session_per_workshop"),
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="session_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.workshop.title}, {self.date:%a %b %d %Y}"

    @property
    def minutes(self):
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return end - start


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        PARTIAL = "partial", "Partial"
        ABSENT = "absent", "Absent"

    session = models.ForeignKey(WorkshopSession, on_delete=models.CASCADE, related_name="attendance")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=10, choices=Status.choices)
    minutes = models.PositiveIntegerField(default=0, help_text="Minutes attended.")
    outside_contract = models.BooleanField(
        null=True, blank=True, help_text="Set by the facilitator to override the district's contracted day."
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "enrollment"], name="one_attendance_per_session")]


class HoursEntry(models.Model):
    """The training-hours ledger: each credited hour with its source, date and how much of it
    fell outside contracted hours. Derived from attendance, online learning and course
    completion; one entry per enrollment, source and reference, kept in step with them."""

    class Source(models.TextChoices):
        WORKSHOP = "workshop", "Workshop attendance"
        ONLINE = "online", "Online learning"
        COURSE = "course", "Course completion"

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="hours_entries")
    source = models.CharField(max_length=10, choices=Source.choices)
    reference = models.CharField(max_length=100, help_text="The session, activity or certificate it comes from.")
    date = models.DateField(db_index=True)
    hours = models.DecimalField(max_digits=6, decimal_places=2)
    hours_beyond_contract = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "source", "reference"], name="one_hours_entry_per_source"),
            models.CheckConstraint(
                condition=Q(hours_beyond_contract__lte=models.F("hours")), name="beyond_within_hours"
            ),
        ]
