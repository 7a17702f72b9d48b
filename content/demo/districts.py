"""The district workspace's demo: Riverside Unified's PD coordinator, a required track naming some of its
teachers (one without an account yet), and a shared link to its registrations for the school board."""

from allauth.account.models import EmailAddress
from django.db import transaction

from cohorts.districts import services
from cohorts.districts.models import RequiredTrack, ShareLink
from modules.models import CoursePage
from pd_platform.accounts.models import JobTitle, User

from .accounts import riverside

COORDINATOR = {
    "email": "coordinator@riverside.example.org",
    "password": "see-the-district",
    "full_name": "Cora Whitfield",
}


@transaction.atomic
def seed():
    district = riverside()
    user = User.objects.filter(email=COORDINATOR["email"]).first()
    if user is None:
        user = User.objects.create_user(
            email=COORDINATOR["email"],
            password=COORDINATOR["password"],
            full_name=COORDINATOR["full_name"],
            job_title=JobTitle.ADMINISTRATOR,
            school="Riverside District Office",
        )
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    services.grant_coordinator(user, district)
    course = CoursePage.objects.live().first()
    if course is not None and not RequiredTrack.objects.filter(district=district).exists():
        services.create_required_track(
            district,
            course,
            "New teacher leaders 2026-27",
            addresses=[f"teacher{i}@riverside.example.org" for i in range(4)] + ["new.hire@riverside.example.org"],
            by=user,
        )
    if not ShareLink.objects.filter(district=district).exists():
        services.create_share_link(district, "registrations", by=user, days=30, label="School board, December")
    password = COORDINATOR["password"] if user.check_password(COORDINATOR["password"]) else "(changed since seeding)"
    return [f"{'Coordinator':<12} {COORDINATOR['email']:<26} {password}: /districts/"]
