"""Read queries for cohorts and enrollments. Each returns only what the asker may see."""

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import CharField, Count, Exists, Max, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from modules.models import CoursePage, WorkshopSeriesPage
from modules.outline import program_outlines
from pd_platform.accounts import roles
from pd_platform.accounts.models import User
from pd_platform.accounts.selectors import verified_domains
from pd_platform.models import SentEmail

from .deadlines import Deadlines, compute_deadlines, is_business_day, open_by_start
from .models import HOLDS_A_SEAT, ClosedDay, Cohort, Enrollment, Payment
from .refunds import day

DEADLINE_LOOKBACK = timedelta(days=60)  # far enough back for any business-day deadline


@lru_cache(maxsize=64)
def _public_holidays(year: int, country: str, subdivision: str | None) -> frozenset:
    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year).keys())


def closed_days_between(first: date, last: date) -> frozenset:
    """Public holidays (country and subdivision are settings) and the office's closed days."""
    days: set[date] = set()
    for year in range(first.year, last.year + 1):
        days |= _public_holidays(year, settings.HOLIDAYS_COUNTRY, settings.HOLIDAYS_SUBDIVISION or None)
    days |= set(ClosedDay.objects.filter(date__range=(first, last)).values_list("date", flat=True))
    return frozenset(days)


@dataclass
class CohortListing:
    """A cohort with what people need to decide: its deadlines and the seats left."""

    cohort: Cohort
    deadlines: Deadlines
    seats_left: int
    waitlisted: int

    def registration_open(self, now: datetime) -> bool:
        return self.cohort.registration == Cohort.Registration.AUTO and self.deadlines.online_registration_open(now)

    def purchase_order_open(self, now: datetime) -> bool:
        return self.registration_open(now) and self.deadlines.purchase_order_open(now)


def with_seat_counts(queryset):
    registered = Q(enrollments__status__in=HOLDS_A_SEAT)  # seats held, approved or not yet
    waitlisted = Q(enrollments__status=Enrollment.Status.WAITLISTED)
    return queryset.annotate(
        registered_count=Count("enrollments", filter=registered),
        waitlisted_count=Count("enrollments", filter=waitlisted),
    )


def listings(queryset) -> list[CohortListing]:
    """Cohorts with deadlines and seats, in a fixed number of queries however many there are."""
    cohorts = list(with_seat_counts(queryset).select_related("program"))
    if not cohorts:
        return []
    po_days = dict(
        CoursePage.objects.filter(pk__in={c.program_id for c in cohorts}).values_list(
            "pk", "purchase_order_close_business_days"
        )
    )
    starts = [c.start_date for c in cohorts]
    closed = closed_days_between(min(starts) - DEADLINE_LOOKBACK, max(starts))
    return [
        CohortListing(
            cohort=c,
            deadlines=compute_deadlines(
                c.start_date,
                c.time_zone,
                po_days.get(c.program_id, course_default("purchase_order_close_business_days")),
                closed,
            ),
            seats_left=max(c.capacity - c.registered_count, 0),
            waitlisted=c.waitlisted_count,
        )
        for c in cohorts
    ]


def _deadlines_of(cohorts) -> dict[int, Deadlines]:
    """cohort id -> its deadlines, for cohorts in hand: one query (the closed days); each course's
    purchase-order rule from its outline (the cache)."""
    cohorts = list(cohorts)
    outlines = program_outlines({c.program_id for c in cohorts})
    starts = [c.start_date for c in cohorts]
    closed = closed_days_between(min(starts) - DEADLINE_LOOKBACK, max(starts))
    default = course_default("purchase_order_close_business_days")
    return {
        c.pk: compute_deadlines(
            c.start_date,
            c.time_zone,
            getattr(outlines[c.program_id].program, "purchase_order_close_business_days", default)
            if c.program_id in outlines
            else default,
            closed,
        )
        for c in cohorts
    }


def listing_for(cohort: Cohort) -> CohortListing:
    return listings(Cohort.objects.filter(pk=cohort.pk))[0]


def cohort_deadlines(cohort: Cohort) -> Deadlines:
    """One cohort's deadlines, without the seat counts a listing adds."""
    po_days = (
        CoursePage.objects.filter(pk=cohort.program_id)
        .values_list("purchase_order_close_business_days", flat=True)
        .first()
    )
    closed = closed_days_between(cohort.start_date - DEADLINE_LOOKBACK, cohort.start_date)
    if po_days is None:
        po_days = course_default("purchase_order_close_business_days")
    return compute_deadlines(cohort.start_date, cohort.time_zone, po_days, closed)


def course_access_open(cohort: Cohort, now: datetime) -> bool:
    """Has course access opened for this cohort? No query once the cohort has started."""
    return open_by_start(cohort.start_date, cohort.time_zone, now) or cohort_deadlines(cohort).access_open(now)


def may_use_course(enrollment) -> bool:
    """``may_use_course_q`` for an enrollment already in hand."""
    return enrollment.status == Enrollment.Status.REGISTERED and (
        enrollment.paid_at is not None or enrollment.payment_method == Enrollment.PaymentMethod.PURCHASE_ORDER
    )


def may_join(cohort: Cohort, domains: set[str], invitation: str = "") -> bool:
    """Anyone may register for a public cohort; for a private one, the invitation link or the school's domain."""
    if not cohort.private:
        return True
    if invitation and secrets.compare_digest(invitation.encode(), cohort.invitation_key.encode()):
        return True
    return bool(cohort.email_domain) and cohort.email_domain in domains


def open_cohorts(now: datetime | None = None, program=None, user=None, invitation: str = "") -> list[CohortListing]:
    """Cohorts that can still be registered for, soonest first: the public ones, and the private ones
    that ``user`` may join (by the ``invitation`` key, or by a verified address at their domain)."""
    now = now or timezone.now()
    domains = verified_domains(user)
    reachable = Q(private=False)
    if invitation:
        reachable |= Q(invitation_key=invitation)
    if domains:
        reachable |= Q(email_domain__in=domains)
    queryset = Cohort.objects.filter(
        reachable, registration=Cohort.Registration.AUTO, start_date__gte=(now - timedelta(days=1)).date()
    )
    if program is not None:
        queryset = queryset.filter(program=program)
    return [item for item in listings(queryset) if item.registration_open(now)]


def payable(listings, now: datetime, online_available: bool):
    """(offered, not offered): without online payment, a cohort whose purchase orders have closed
    cannot be paid for, so it is not offered."""
    offered: list = []
    closed: list = []
    for item in listings:
        (offered if online_available or item.purchase_order_open(now) else closed).append(item)
    return offered, closed


def cohort_by_invitation(invitation: str) -> Cohort | None:
    return Cohort.objects.select_related("program").filter(invitation_key=invitation).first() if invitation else None


def may_use_course_q():
    """Enrollments entitled to the course: registered, and paid or billed by purchase order."""
    return Q(status=Enrollment.Status.REGISTERED) & (
        Q(paid_at__isnull=False) | Q(payment_method=Enrollment.PaymentMethod.PURCHASE_ORDER)
    )


def with_refund_dates(enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Each enrollment with ``receipt_id`` (its paid payment) and ``refunded_on`` (when its money went back)."""
    return enrollments.annotate(
        receipt_id=Max("payments__pk", filter=Q(payments__status=Payment.Status.PAID)),
        refunded_on=Max("payments__refunded_at", filter=Q(payments__status=Payment.Status.REFUNDED)),
    )


def payment_state(enrollment) -> str:
    """A place's payment as the office reads it in a list (from ``with_refund_dates``)."""
    if enrollment.paid_at and enrollment.cohort.fee == 0:
        return "Free"
    if enrollment.paid_at and not enrollment.receipt_id:
        # Placed as paid by the office (or paid before payments were recorded): no money passed through here,
        # so none can be refunded here, as the place's cancel page says.
        return f"Marked paid by the office {day(enrollment.paid_at)}; no payment recorded here"
    if enrollment.paid_at:
        owed = enrollment.status == Enrollment.Status.CANCELLED
        return f"Paid {day(enrollment.paid_at)}" + ("; refund owed" if owed else "")
    if enrollment.refunded_on:
        return f"Refunded {day(enrollment.refunded_on)}"
    return "Not paid"


def enrollments_of(user):
    """A person's own enrollments, newest cohorts first ("My courses")."""
    return (
        with_refund_dates(Enrollment.objects.filter(user=user))
        .select_related("cohort", "cohort__program", "approval")
        .order_by("-cohort__start_date", "-created_at")
    )


def paid_payment(enrollment):
    """The payment that paid for an enrollment (the latest, should there be two), or None."""
    return enrollment.payments.filter(status=Payment.Status.PAID).select_related("enrollment__cohort__program").first()


def invoice_available(enrollment) -> bool:
    """A purchase order's invoice, for a live place: nothing is billed while it waits for its approval."""
    return enrollment.payment_method == Enrollment.PaymentMethod.PURCHASE_ORDER and enrollment.status not in (
        Enrollment.Status.CANCELLED,
        Enrollment.Status.AWAITING_APPROVAL,
    )


def live_enrollment(user: User, cohort: Cohort) -> Enrollment | None:
    return Enrollment.objects.filter(user=user, cohort=cohort).exclude(status=Enrollment.Status.CANCELLED).first()


def enrollment_of(user, enrollment_id):
    """One of the user's own enrollments, or None (never another person's)."""
    return enrollments_of(user).filter(pk=enrollment_id).first()


def enrollments_awaiting_access(now: datetime) -> list[int]:
    """Registered enrollments whose course access has opened and who were not yet welcomed."""
    cohorts = Cohort.objects.filter(
        start_date__lte=(now + timedelta(days=30)).date(), end_date__gte=(now - timedelta(days=1)).date()
    )
    opened = [item.cohort.pk for item in listings(cohorts) if item.deadlines.access_open(now)]
    return list(
        Enrollment.objects.filter(cohort__in=opened)
        .filter(may_use_course_q())
        .exclude(
            Exists(
                SentEmail.objects.filter(
                    kind="registration.access_open",
                    object_key=Concat(Value("enrollment:"), Cast(OuterRef("pk"), CharField())),
                )
            )
        )
        # "Your course is open: start with the Welcome module" is not true for someone already at work
        # in it (or finished): anyone with work submitted or materials marked was welcomed by the course.
        .exclude(Exists(_coursework("Submission").objects.filter(enrollment=OuterRef("pk")).exclude(status="missing")))
        .exclude(Exists(_coursework("MaterialMark").objects.filter(enrollment=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )


def _coursework(model_name):
    """A coursework model by name: registration reads what a higher room keeps but imports no higher room."""
    return apps.get_model("coursework", model_name)


@dataclass
class MyCourseRow:
    enrollment: Enrollment
    listing: CohortListing | None  # None on the home (``my_course_rows(with_listings=False)``)
    next_step: str  # where the registration stands, until the course opens
    can_pay: bool = False
    course_open: bool = False
    links: list = field(default_factory=list)  # what other apps add (pd_platform.homes)
    next: object = None  # once the course is open: the next step other apps decide (pd_platform.homes.next_steps)

    @property
    def can_download_invoice(self):
        return invoice_available(self.enrollment)

    @property
    def can_cancel(self):
        return (
            self.enrollment.status != Enrollment.Status.CANCELLED
            and self.enrollment.cohort.start_date > timezone.localdate()
        )


def my_course_rows(enrollments, now: datetime | None = None, with_listings: bool = True) -> list[MyCourseRow]:
    """What each of a person's enrollments needs next, in a fixed number of queries (an open course's
    next step is the home's, ``pd_platform.homes.next_steps``). ``with_listings=False`` (the home, which
    shows no seats or deadlines of an open course): the cohorts' listings are read only when a course
    has not reached its start, as only then its access date is in question; each row's ``listing`` is
    then None."""
    from .deadlines import local_text, open_by_start
    from .payments import online_payment_available

    now = now or timezone.now()
    if not enrollments:
        return []
    by_cohort: dict[int, CohortListing] = {}
    deadlines: dict[int, Deadlines] = {}

    def listing_of(cohort_id):
        if not by_cohort:  # three queries, once, for all the rows
            cohort_ids = {e.cohort_id for e in enrollments}
            by_cohort.update((item.cohort.pk, item) for item in listings(Cohort.objects.filter(pk__in=cohort_ids)))
        return by_cohort[cohort_id]

    def deadlines_of(cohort_id):
        if with_listings:
            return listing_of(cohort_id).deadlines
        if not deadlines:  # the closed days (one query, once), the cohorts in hand, the courses from their outlines
            deadlines.update(_deadlines_of({e.cohort_id: e.cohort for e in enrollments}.values()))
        return deadlines[cohort_id]

    rows = []
    for e in enrollments:
        listing = listing_of(e.cohort_id) if with_listings else None
        tz = e.cohort.time_zone
        if e.status == Enrollment.Status.CANCELLED:
            rows.append(MyCourseRow(e, listing, "This registration is cancelled."))
        elif e.status == Enrollment.Status.WAITLISTED:
            rows.append(MyCourseRow(e, listing, "You are on the waitlist. We will email you as soon as a place opens."))
        elif e.status == Enrollment.Status.AWAITING_APPROVAL:
            approval = e.approval
            rows.append(
                MyCourseRow(
                    e,
                    listing,
                    f"Waiting for approval by {approval.approver}: your seat is held "
                    f"until {local_text(approval.due_at, tz)}. We will email you their answer.",
                )
            )
        elif not e.is_paid and e.payment_method == Enrollment.PaymentMethod.ONLINE:
            if online_payment_available():
                rows.append(MyCourseRow(e, listing, "Pay online to complete your registration.", can_pay=True))
            else:
                rows.append(
                    MyCourseRow(
                        e,
                        listing,
                        "Online payment is not available at the moment: contact the "
                        "program office to pay by purchase order.",
                    )
                )
        elif open_by_start(e.cohort.start_date, tz, now) or deadlines_of(e.cohort_id).access_open(now):
            rows.append(MyCourseRow(e, listing, _open_step(e.cohort.program), course_open=True))
        else:
            waiting = (
                ""
                if e.is_paid or e.payment_method != Enrollment.PaymentMethod.PURCHASE_ORDER
                else " The invoice came to you by e-mail: forward it to your billing office."
                if not e.billing_contact_email
                else f" The invoice goes by e-mail to your billing contact, {e.billing_contact_name} "
                f"({e.billing_contact_email}), with a copy to you; we mark you paid when the payment arrives."
            )
            access_text = local_text(deadlines_of(e.cohort_id).access_opens, tz)
            rows.append(MyCourseRow(e, listing, f"Course access opens {access_text}.{waiting}"))
    return rows


def reviewable_cohorts(user: User | AnonymousUser) -> QuerySet[Cohort]:
    """The one rule of who facilitates what: admins every cohort, facilitators their own. A
    cohort's facilitators hold the role (``services.give_facilitators_the_role``), so for
    anyone else this asks the database nothing."""
    if roles.is_admin(user):
        return Cohort.objects.all()
    if not roles.is_facilitator(user):
        return Cohort.objects.none()
    return Cohort.objects.filter(facilitators=user.pk)


def facilitated_cohort(user, pk):
    """The cohort ``pk`` with its program, if ``user`` facilitates it (admins: any cohort); else None,
    which a page answers with 404."""
    return reviewable_cohorts(user).filter(pk=pk).select_related("program").first()


def may_facilitate(user: User | AnonymousUser, cohort: Cohort) -> bool:
    """May this person review, moderate, take attendance and invite for this cohort?"""
    return user.is_authenticated and reviewable_cohorts(user).filter(pk=cohort.pk).exists()


def course_default(field):
    """A course rule's default, said once: on the course page's field."""
    return CoursePage._meta.get_field(field).default


def _open_step(program) -> str:
    """Said of an open program when no next step is known: where to look, true however far along."""
    kind = "workshop series" if issubclass(program.specific_class or CoursePage, WorkshopSeriesPage) else "course"
    return f"Your {kind} is open: your progress shows what is done and what comes next."


def purchase_orders_to_process(limit=5):
    """Registrations billed by purchase order and not yet paid, the soonest cohort first:
    (the first ``limit``, how many in all). Two queries."""
    queryset = (
        Enrollment.objects.filter(payment_method=Enrollment.PaymentMethod.PURCHASE_ORDER, paid_at__isnull=True)
        .exclude(status=Enrollment.Status.CANCELLED)
        .select_related("user", "cohort")
        .order_by("cohort__start_date", "created_at")
    )
    return list(queryset[:limit]), queryset.count()


def cohorts_starting_soon(today=None, business_days=10):
    """Cohorts starting within the next ``business_days`` business days that still have seats,
    soonest first (holidays and closed days not counted)."""
    today = today or timezone.localdate()
    last = today
    closed = closed_days_between(today, today + timedelta(days=business_days * 3))
    remaining = business_days
    while remaining > 0:
        last += timedelta(days=1)
        if is_business_day(last, closed):
            remaining -= 1
    return [
        item
        for item in listings(Cohort.objects.filter(start_date__gte=today, start_date__lte=last).order_by("start_date"))
        if item.seats_left > 0
    ]
