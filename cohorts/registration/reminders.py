"""Reminders about registrations: the course opening, purchase orders still owed.

Each finder answers what is due at ``now`` from the state of the data (see
``pd_platform.reminders``) in a fixed number of queries.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from modules.models import WorkshopSeriesPage
from pd_platform import reminders
from pd_platform.accounts import roles

from .deadlines import business_days_between, local_text
from .models import Cohort, Enrollment
from .selectors import closed_days_between, listings, may_use_course_q

LOOKAHEAD = timedelta(days=45)  # farther than any purchase-order warning reaches


def _local_date(moment, time_zone):
    return moment.astimezone(ZoneInfo(time_zone)).date()


def _my_courses_url():
    return settings.SITE_URL.rstrip("/") + reverse("cohorts:my_courses")


def access_opens_soon(now, rules):
    """Registered people whose course opens within the next day (a heads-up with what to do first)."""
    upcoming = listings(Cohort.objects.filter(start_date__gte=now.date(), start_date__lte=(now + LOOKAHEAD).date()))
    opening = {
        item.cohort.pk: item
        for item in upcoming
        if not item.deadlines.access_open(now) and item.deadlines.access_opens - now <= timedelta(days=1)
    }
    if not opening:
        return
    enrollments = (
        Enrollment.objects.filter(may_use_course_q(), cohort__in=opening)
        .select_related("user", "cohort__program")
        .order_by("pk")
    )
    for enrollment in enrollments:
        item = opening[enrollment.cohort_id]
        cohort = enrollment.cohort
        yield reminders.Due(
            kind="access_opens",
            recipient=enrollment.user,
            object_key=f"enrollment:{enrollment.pk}",
            period=item.deadlines.access_opens.date().isoformat(),
            subject=f"{cohort.program.title} opens {local_text(item.deadlines.access_opens, cohort.time_zone)}",
            template="cohorts/email/reminder_access_opens.txt",
            context={
                "enrollment": enrollment,
                "cohort": cohort,
                "opens": local_text(item.deadlines.access_opens, cohort.time_zone),
                "workshop_series": issubclass(cohort.program.specific_class, WorkshopSeriesPage),
                "url": _my_courses_url(),
            },
            time_zone=cohort.time_zone,
            cohort_id=cohort.pk,
        )


def purchase_orders_owed(now, rules):
    """Registrations billed by purchase order and not yet paid, from N business days before the
    purchase-order deadline until the cohort starts. Stops once the payment is recorded."""
    enrollments = list(
        Enrollment.objects.filter(
            payment_method=Enrollment.PaymentMethod.PURCHASE_ORDER,
            paid_at__isnull=True,
            status__in=[Enrollment.Status.REGISTERED, Enrollment.Status.WAITLISTED],
            cohort__start_date__gt=now.date(),
            cohort__start_date__lte=(now + LOOKAHEAD).date(),
        )
        .select_related("user", "cohort__program")
        .order_by("pk")
    )
    if not enrollments:
        return
    cohort_ids = {enrollment.cohort_id for enrollment in enrollments}
    deadlines = {item.cohort.pk: item.deadlines for item in listings(Cohort.objects.filter(pk__in=cohort_ids))}
    closed = closed_days_between(now.date() - timedelta(days=1), now.date() + LOOKAHEAD)
    for enrollment in enrollments:
        cohort = enrollment.cohort
        closes = deadlines[cohort.pk].purchase_order_closes
        warn = rules(cohort.program_id).purchase_order_warning_days
        if business_days_between(_local_date(now, cohort.time_zone), closes.date(), closed) > warn:
            continue
        yield reminders.Due(
            kind="purchase_order",
            recipient=enrollment.user,
            object_key=f"enrollment:{enrollment.pk}",
            period=closes.date().isoformat(),
            subject=(
                f"Purchase order needed for {cohort.program.title}, {cohort.name}"
                if not enrollment.purchase_order_number
                else f"Payment still open for {cohort.program.title}, {cohort.name}"
            ),
            template="cohorts/email/reminder_purchase_order.txt",
            context={
                "enrollment": enrollment,
                "cohort": cohort,
                "closes": local_text(closes, cohort.time_zone),
                "closed_already": now >= closes,
                "url": _my_courses_url(),
            },
            time_zone=cohort.time_zone,
            cohort_id=cohort.pk,
        )


# Registered here, where they are defined; pd_platform.registries imports this module once.
reminders.register(
    "access_opens",
    "Your course opens",
    "A day before your course opens: the date and where to start.",
    {roles.PARTICIPANT},
    access_opens_soon,
    order=10,
)
reminders.register(
    "purchase_order",
    "Purchase order or payment still needed",
    "When your registration still waits for a purchase order number or payment and the deadline is near.",
    {roles.PARTICIPANT},
    purchase_orders_owed,
    order=20,
)
