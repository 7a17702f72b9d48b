from django.contrib.auth.models import Group
from django.db import transaction

from . import roles
from .models import User


@transaction.atomic
def complete_signup_profile(user: User, *, full_name: str, job_title: str, school: str = "") -> User:
    """Fill in the profile of a person who has just signed up; they join as a participant. Their district
    is not theirs to say: it follows from a confirmed address, their district's sign-in or the office."""
    user.full_name = full_name.strip()
    user.job_title = job_title
    user.school = school.strip()
    user.save(update_fields=["full_name", "job_title", "school"])
    user.groups.add(Group.objects.get(name=roles.PARTICIPANT))
    return user
