"""Workshops' part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from pd_platform import personal_data

from .models import Attendance, CalendarFeed, OfficeHoursSeat
from .services import reset_calendar_feed


def export(user):
    return {
        "attendance": Attendance.objects.filter(enrollment__user=user),
        "office_hours": OfficeHoursSeat.objects.filter(enrollment__user=user),
        "calendar_feed": CalendarFeed.objects.filter(user=user),
    }


def erase(user, now):
    """Attendance is kept: the training hours a district pays for rest on it. The calendar feed's address
    given out so far stops working."""
    reset_calendar_feed(user, now=now)
    return {"calendar feed addresses retired": 1}


personal_data.register("workshops", export, erase, order=40)
