"""Workshop sessions of a cohort and who attended them (tables kept from the ``cohorts`` app)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cohorts.registration.models import Cohort, Enrollment

from .rules import AttendanceStatus


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
