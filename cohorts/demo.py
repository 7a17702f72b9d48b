"""Demo cohorts for ``seed_demo``: one started (the demo participant is in it), one whose
purchase-order window has closed, and one open for registration."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from modules.models import CoursePage
from pd_platform.accounts.demo import DEMO_ACCOUNTS
from pd_platform.accounts.models import User

from .deadlines import business_days_before
from .models import Cohort, Enrollment
from .selectors import closed_days_between


def _start_with_purchase_orders_closed(today):
    """The latest start date whose purchase-order window has closed already: online
    registration stays open as long as possible."""
    closed = closed_days_between(today - timedelta(days=30), today + timedelta(days=30))
    day = today + timedelta(days=1)
    while business_days_before(day + timedelta(days=1), 3, closed) <= today:
        day += timedelta(days=1)
    return day


@transaction.atomic
def seed():
    course = CoursePage.objects.filter(slug="learning-based-grading").first()
    if course is None:
        return ["(no course content: run load_content before seed_demo)"]
    today = timezone.localdate()
    emails = {a["role"]: a["email"] for a in DEMO_ACCOUNTS}
    facilitator = User.objects.get(email=emails["Facilitator"])
    participant = User.objects.get(email=emails["Participant"])

    specs = [
        ("Cohort 03", today - timedelta(days=14), "started"),
        ("Cohort 04", _start_with_purchase_orders_closed(today), "purchase orders closed, online open"),
        ("Cohort 05", today + timedelta(days=35), "open for registration"),
    ]
    lines = []
    for name, start, state in specs:
        cohort, created = Cohort.objects.get_or_create(
            program=course,
            name=name,
            defaults={"start_date": start, "end_date": start + timedelta(weeks=8), "capacity": 25,
                      "fee": Decimal("450.00"), "time_zone": "America/Los_Angeles"},
        )
        if created:
            cohort.facilitators.add(facilitator)
        lines.append(f"cohort       {course.title}, {cohort.name}: starts {cohort.start_date:%a %b %d %Y} ({state})")

    started = Cohort.objects.get(program=course, name="Cohort 03")
    Enrollment.objects.get_or_create(
        cohort=started, user=participant, status=Enrollment.Status.REGISTERED,
        defaults={"payment_method": Enrollment.PaymentMethod.ONLINE, "paid_at": timezone.now()},
    )
    return lines
