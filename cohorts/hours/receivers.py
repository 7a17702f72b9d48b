"""The ledger listens to the rooms below it: attendance recorded, a submission's status changed."""

from django.dispatch import receiver

from cohorts.coursework.models import Submission
from cohorts.coursework.signals import submission_status_changed
from cohorts.workshops.signals import attendance_recorded, office_hours_attended

from .services import credit_office_hours, credit_online_learning, credit_workshop_attendance


@receiver(attendance_recorded)
def credit_attendance(sender, attendance, **kwargs):
    credit_workshop_attendance(attendance)


@receiver(submission_status_changed)
def keep_online_hours_in_step(sender, submission, previous=None, **kwargs):
    if Submission.Status.COMPLETE in (previous, submission.status):
        credit_online_learning(submission)


@receiver(office_hours_attended)
def credit_office_hours_seat(sender, seat, **kwargs):
    credit_office_hours(seat)
