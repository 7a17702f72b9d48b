"""The ledger listens to attendance, in the transaction that recorded it."""

from django.dispatch import receiver

from cohorts.workshops.signals import attendance_recorded, office_hours_attended

from .services import credit_office_hours, credit_workshop_attendance


@receiver(attendance_recorded)
def credit_attendance(sender, attendance, **kwargs):
    credit_workshop_attendance(attendance)


@receiver(office_hours_attended)
def credit_office_hours_seat(sender, seat, **kwargs):
    credit_office_hours(seat)
