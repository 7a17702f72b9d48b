"""Reminders' part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from pd_platform import personal_data

from .models import ReminderOptIn, ReminderOptOut, ReminderSent


def export(user):
    return {
        "reminders_sent": ReminderSent.objects.filter(recipient=user),
        "reminders_turned_off": ReminderOptOut.objects.filter(user=user),
        "reminders_turned_on": ReminderOptIn.objects.filter(user=user),
    }


def erase(user, now):
    return {
        "reminders sent deleted": ReminderSent.objects.filter(recipient=user).delete()[0],
        "preferences deleted": ReminderOptOut.objects.filter(user=user).delete()[0]
        + ReminderOptIn.objects.filter(user=user).delete()[0],
    }


personal_data.register("reminders", export, erase, order=80)
