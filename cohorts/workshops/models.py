"""Workshop sessions of a cohort and who attended them (tables kept from the ``cohorts`` app)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from cohorts.registration.deadlines import local_text
from cohorts.registration.models import Cohort, Enrollment, validate_time_zone
from pd_platform.dates import within_planning_years

from .rules import AttendanceStatus


class WorkshopSession(models.Model):
    """One scheduled workshop of a cohort of the workshop series."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    workshop = models.ForeignKey("modules.WorkshopPage", on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(validators=[within_planning_years])
    start_time = models.TimeField()
    end_time = models.TimeField()
    place = models.CharField(max_length=255, blank=True, help_text="A room, or an online meeting link.")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions_led"
    )

    class Meta:
        db_table = "cohorts_workshopsession"
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
    Status = AttendanceStatus

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
        db_table = "cohorts_attendance"
        constraints = [models.UniqueConstraint(fields=["session", "enrollment"], name="one_attendance_per_session")]


class OfficeHours(models.Model):
    """A facilitator's drop-in session for the participants and alumni of a program, across its
    cohorts: the implementation support that follows the modules."""

    program = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.PROTECT, related_name="office_hours", help_text="The course or series."
    )
    topic = models.CharField(
        max_length=150, default="Office hours", help_text="What it is for, e.g. “Your gradebook after report cards”."
    )
    starts_at = models.DateTimeField(validators=[within_planning_years])
    minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(15), MaxValueValidator(240)], help_text="Length, in minutes."
    )
    time_zone = models.CharField(max_length=63, default=settings.TIME_ZONE, validators=[validate_time_zone])
    place = models.CharField(max_length=255, help_text="A room, or an online meeting link.")
    capacity = models.PositiveSmallIntegerField(default=12, validators=[MinValueValidator(1), MaxValueValidator(500)])
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="office_hours_led")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "office hours"
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["program", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gte=15, minutes__lte=240), name="office_hours_length"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="office_hours_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.topic}, {self.local_start:%a %b %d %Y %H:%M}"

    @property
    def local_start(self):
        return self.starts_at.astimezone(ZoneInfo(self.time_zone))

    @property
    def local_start_text(self):
        """The start as people read it, in the session's own time zone: "Tuesday, December 8, 2026, 4:00 PM PST"
        (a template's date filter would show it in the office's zone, under this zone's name)."""
        return local_text(self.starts_at, self.time_zone)

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)


class OfficeHoursSeat(models.Model):
    """A person's place at office hours (their RSVP), and afterwards whether they came. The seat
    belongs to their enrollment in the program, whose hours it credits."""

    Status = AttendanceStatus

    session = models.ForeignKey(OfficeHours, on_delete=models.CASCADE, related_name="seats")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="office_hours_seats")
    reserved_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices, blank=True)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "enrollment"], name="one_seat_per_person")]


class CalendarFeed(models.Model):
    """A person's calendar feed address: its ``version`` is signed into the address (``feeds``), so a new
    version retires every address given out before, say one shared by mistake. No row: version 0."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="calendar_feed"
    )
    version = models.PositiveIntegerField(default=0)
    reset_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"calendar feed of {self.user_id} (version {self.version})"
