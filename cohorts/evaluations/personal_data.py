"""Evaluations' part of a personal-data export or erasure (see ``pd_platform.personal_data``)."""

from pd_platform import personal_data

from .models import Answer, Response


def export(user):
    return {
        "responses": Response.objects.filter(enrollment__user=user),
        "answers": Answer.objects.filter(response__enrollment__user=user),
    }


def erase(user, now):
    """Free-text answers go; ratings stay in the program's aggregate results, tied to no name."""
    return {"answers emptied": Answer.objects.filter(response__enrollment__user=user).exclude(text="").update(text="")}


personal_data.register("evaluations", export, erase, order=60)
