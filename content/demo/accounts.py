"""Demo accounts for ``seed_demo``: one per role, with known passwords."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from pd_platform.accounts import roles
from pd_platform.accounts.models import JobTitle, User

DEMO_ACCOUNTS = [
    {
        "role": roles.PARTICIPANT,
        "email": "participant@example.org",
        "password": "learn-by-revising",
        "full_name": "Pat Rivera",
        "job_title": JobTitle.TEACHER_LEADER,
        "district": "Riverside Unified",
        "school": "Lincoln Middle School",
    },
    {
        "role": roles.FACILITATOR,
        "email": "facilitator@example.org",
        "password": "feedback-first",
        "full_name": "Fran Okafor",
        "job_title": JobTitle.COACH,
        "district": "College Bridge",
        "school": "",
    },
    {
        "role": roles.ADMIN,
        "email": "admin@example.org",
        "password": "open-the-cohort",
        "full_name": "Alex Chen",
        "job_title": JobTitle.ADMINISTRATOR,
        "district": "College Bridge",
        "school": "",
    },
]


@transaction.atomic
def seed():
    """Create the demo accounts that are missing; never change one that exists."""
    lines = []
    for spec in DEMO_ACCOUNTS:
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            user = User.objects.create_user(
                email=spec["email"],
                password=spec["password"],
                full_name=spec["full_name"],
                job_title=spec["job_title"],
                district=spec["district"],
                school=spec["school"],
            )
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
            user.groups.add(Group.objects.get(name=spec["role"]))
        password = spec["password"] if user.check_password(spec["password"]) else "(changed since seeding)"
        lines.append(f"{spec['role']:<12} {spec['email']:<26} {password}")
    return lines
