"""Training hours' part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from pd_platform import personal_data

from .models import HoursEntry


def export(user):
    return {"hours": HoursEntry.objects.filter(enrollment__user=user)}


def erase(user, now):
    """The hours ledger is kept, as districts' pay and records require, under the pseudonymised account."""
    return {}


personal_data.register("hours", export, erase, order=50)
