"""Demo accounts for ``seed_demo``: one per role, with known passwords; the demo's district."""

from datetime import time
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from cohorts.registration.districts import district_of, settle_district, settle_district_people
from cohorts.registration.models import District, DistrictDomain
from pd_platform.accounts import roles
from pd_platform.accounts.models import JobTitle, User

# The demo's district, as the program office enters it. Its teachers with a confirmed address at its domain
# are in it by that address; the demo people at example.org are placed in it by the office.
DISTRICT = {
    "name": "Riverside Unified",
    "domain": "riverside.example.org",
    "contract_start": time(8, 0),
    "contract_end": time(15, 30),
    "training_rate": Decimal("48.50"),
}

DEMO_ACCOUNTS = [
    {
        "role": roles.PARTICIPANT,
        "email": "participant@example.org",
        "password": "learn-by-revising",
        "full_name": "Pat Rivera",
        "job_title": JobTitle.TEACHER_LEADER,
        "in_district": True,
        "school": "Lincoln Middle School",
    },
    {
        "role": roles.FACILITATOR,
        "email": "facilitator@example.org",
        "password": "feedback-first",
        "full_name": "Fran Okafor",
        "job_title": JobTitle.COACH,
        "school": "",
    },
    {
        "role": roles.ADMIN,
        "email": "admin@example.org",
        "password": "open-the-cohort",
        "full_name": "Alex Chen",
        "job_title": JobTitle.ADMINISTRATOR,
        "school": "",
    },
    {
        "role": roles.EDITOR,
        "email": "editor@example.org",
        "password": "fix-the-typo",
        "full_name": "Jordan Ellis",
        "job_title": JobTitle.CONTENT_SPECIALIST,
        "school": "",
    },
]


@transaction.atomic
def seed():
    """Create the demo accounts that are missing; never change one that exists (except to place the demo
    participant in the demo district when nothing else places her in one)."""
    lines = []
    for spec in DEMO_ACCOUNTS:
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            user = User.objects.create_user(
                email=spec["email"],
                password=spec["password"],
                full_name=spec["full_name"],
                job_title=spec["job_title"],
                school=spec["school"],
            )
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
            user.groups.add(Group.objects.get(name=spec["role"]))
        if spec.get("in_district"):
            place_in_riverside(user)
        password = spec["password"] if user.check_password(spec["password"]) else "(changed since seeding)"
        lines.append(f"{spec['role']:<12} {spec['email']:<26} {password}")
    return lines


def riverside():
    """The demo's district with its domain, contracted day and training rate (made once)."""
    fields = {key: value for key, value in DISTRICT.items() if key not in ("name", "domain")}
    district, _ = District.objects.get_or_create(name=DISTRICT["name"], defaults=fields)
    _, added = DistrictDomain.objects.get_or_create(domain=DISTRICT["domain"], defaults={"district": district})
    if added:  # as when the office saves the district: its people with a confirmed address there join it
        settle_district_people(district.pk)
    return district


def place_in_riverside(user):
    """The program office places a demo person (whose example.org address says nothing) in the district."""
    if district_of(user) is None:
        settle_district(user, office=riverside())


def riverside_teacher(email, full_name):
    """A teacher of the district in the demo's scenes, as sign-up leaves them: a participant, placed in it."""
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=None, full_name=full_name, job_title="teacher_leader"
    )
    user.groups.add(Group.objects.get(name=roles.PARTICIPANT))
    place_in_riverside(user)
    return user
