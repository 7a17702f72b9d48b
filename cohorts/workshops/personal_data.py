"""Workshops' part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from .models import Attendance, OfficeHoursSeat


def export(user):
    return {
        "attendance": Attendance.objects.filter(enrollment__user=user),
        "office_hours": OfficeHoursSeat.objects.filter(enrollment__user=user),
    }


def erase(user, now):
    """Attendance is kept: the training hours a district pays for rest on it."""
    return {}
