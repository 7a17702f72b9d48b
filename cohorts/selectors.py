"""Read queries for cohorts and enrollments. Each returns only what the asker may see."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

import holidays
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from modules.models import CoursePage

from .deadlines import Deadlines, compute_deadlines
from .models import ClosedDay, Cohort, Enrollment, Submission

DEADLINE_LOOKBACK = timedelta(days=60)  # far enough back for any business-day deadline


@lru_cache(maxsize=64)
def _public_holidays(year: int, country: str, subdivision: str | None) -> frozenset:
    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year).keys())


def closed_days_between(first: date, last: date) -> frozenset:
    """Public holidays (country and subdivision are settings) and the office's closed days."""
    days = set()
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
    registered = Q(enrollments__status=Enrollment.Status.REGISTERED)
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
                po_days.get(c.program_id, _course_default("purchase_order_close_business_days")),
                closed,
            ),
            seats_left=max(c.capacity - c.registered_count, 0),
            waitlisted=c.waitlisted_count,
        )
        for c in cohorts
    ]


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
        po_days = _course_default("purchase_order_close_business_days")
    return compute_deadlines(cohort.start_date, cohort.time_zone, po_days, closed)


def may_use_course(enrollment) -> bool:
    """``may_use_course_q`` for an enrollment already in hand."""
    return enrollment.status == Enrollment.Status.REGISTERED and (
        enrollment.paid_at is not None or enrollment.payment_method == Enrollment.PaymentMethod.PURCHASE_ORDER
    )


def open_cohorts(now: datetime | None = None, program=None) -> list[CohortListing]:
    """Cohorts that can still be registered for, soonest first."""
    now = now or timezone.now()
    queryset = Cohort.objects.filter(
        registration=Cohort.Registration.AUTO, start_date__gte=(now - timedelta(days=1)).date()
    )
    if program is not None:
        queryset = queryset.filter(program=program)
    return [item for item in listings(queryset) if item.registration_open(now)]


def may_use_course_q():
    """Enrollments entitled to the course: registered, and paid or billed by purchase order."""
    return Q(status=Enrollment.Status.REGISTERED) & (
        Q(paid_at__isnull=False) | Q(payment_method=Enrollment.PaymentMethod.PURCHASE_ORDER)
    )


def enrollments_of(user):
    """A person's own enrollments, newest cohorts first ("My courses")."""
    return (
        Enrollment.objects.filter(user=user)
        .select_related("cohort", "cohort__program")
        .order_by("-cohort__start_date", "-created_at")
    )


def live_enrollment(user, cohort):
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
        .exclude(notifications__kind="access_open")
        .values_list("pk", flat=True)
    )


@dataclass
class MyCourseRow:
    enrollment: Enrollment
    listing: CohortListing
    next_step: str
    can_pay: bool = False
    course_open: bool = False
    has_sessions: bool = False

    @property
    def can_cancel(self):
        return (
            self.enrollment.status != Enrollment.Status.CANCELLED
            and self.enrollment.cohort.start_date > timezone.localdate()
        )


def my_course_rows(enrollments, now: datetime | None = None) -> list[MyCourseRow]:
    """What each of a person's enrollments needs next, in a fixed number of queries."""
    from .deadlines import local_text
    from .payments import online_payment_available

    now = now or timezone.now()
    if not enrollments:
        return []
    by_cohort = {
        item.cohort.pk: item for item in listings(Cohort.objects.filter(pk__in={e.cohort_id for e in enrollments}))
    }
    rows = []
    from .models import WorkshopSession

    with_sessions = set(WorkshopSession.objects.filter(cohort_id__in=by_cohort).values_list("cohort_id", flat=True))
    for e in enrollments:
        listing = by_cohort[e.cohort_id]
        tz = e.cohort.time_zone
        access_text = local_text(listing.deadlines.access_opens, tz)
        if e.status == Enrollment.Status.CANCELLED:
            rows.append(MyCourseRow(e, listing, "This registration is cancelled."))
        elif e.status == Enrollment.Status.WAITLISTED:
            rows.append(MyCourseRow(e, listing, "You are on the waitlist. We will email you as soon as a place opens."))
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
        elif listing.deadlines.access_open(now):
            rows.append(
                MyCourseRow(e, listing, "Your course is open: start with the Welcome module.", course_open=True)
            )
        else:
            waiting = "" if e.is_paid else " Your invoice was sent to your billing contact."
            rows.append(MyCourseRow(e, listing, f"Course access opens {access_text}.{waiting}"))
    for row in rows:
        row.has_sessions = row.enrollment.cohort_id in with_sessions
    return rows


# Coursework


def program_activities(program_id, required_only=True):
    """The activities of a program in course order (page tree order, then activity order)."""
    from wagtail.models import Page

    from modules.models import Activity

    program_path = Page.objects.filter(pk=program_id).values_list("path", flat=True).first()
    if program_path is None:
        return []
    queryset = Activity.objects.filter(page__path__startswith=program_path, page__live=True).select_related("page")
    if required_only:
        queryset = queryset.filter(required=True)
    return list(queryset.order_by("page__path", "sort_order", "id"))


def welcome_complete(enrollment) -> bool:
    """Every required activity of the course's Welcome module (number 0) is complete."""
    from modules.models import Activity, ModulePage

    welcome_ids = ModulePage.objects.filter(number=0, path__startswith=enrollment.cohort.program.path).values_list(
        "pk", flat=True
    )
    required = Activity.objects.filter(page_id__in=welcome_ids, required=True).values_list("pk", flat=True)
    required = set(required)
    if not required:
        return True
    done = set(
        enrollment.submissions.filter(activity_id__in=required, status=Submission.Status.COMPLETE).values_list(
            "activity_id", flat=True
        )
    )
    return done == required


def reviewable_cohorts(user):
    """The one rule of who facilitates what: admins every cohort, facilitators their own."""
    from pd_platform.accounts import roles

    if roles.is_admin(user):
        return Cohort.objects.all()
    return Cohort.objects.filter(facilitators=user)


def may_facilitate(user, cohort):
    """May this person review, moderate, take attendance and invite for this cohort?"""
    return user.is_authenticated and reviewable_cohorts(user).filter(pk=cohort.pk).exists()


def review_queue(user, cohort_id=None, module_id=None, activity_key=None, status=Submission.Status.SUBMITTED):
    """Submissions waiting for this reviewer, oldest waiting first."""
    from .models import Submission

    queryset = (
        Submission.objects.filter(enrollment__cohort__in=reviewable_cohorts(user))
        .exclude(enrollment__status=Enrollment.Status.CANCELLED)
        .select_related("enrollment__user", "enrollment__cohort", "activity__page")
        .order_by("submitted_at", "id")
    )
    if status:
        queryset = queryset.filter(status=status)
    if cohort_id:
        queryset = queryset.filter(enrollment__cohort_id=cohort_id)
    if module_id:
        queryset = queryset.filter(activity__page_id=module_id)
    if activity_key:
        queryset = queryset.filter(activity__key=activity_key)
    return queryset


def reviewable_submission(user, submission_id):
    from .models import Submission

    return (
        Submission.objects.filter(pk=submission_id, enrollment__cohort__in=reviewable_cohorts(user))
        .select_related("enrollment__user", "enrollment__cohort__program", "activity__page")
        .first()
    )


def course_threshold(program_id):
    """The share of required submissions complete that earns the certificate."""
    from modules.models import CoursePage, WorkshopSeriesPage

    for model in (CoursePage, WorkshopSeriesPage):
        value = model.objects.filter(pk=program_id).values_list("completion_threshold", flat=True).first()
        if value is not None:
            return value
    return _course_default("completion_threshold")


def _course_default(field):
    """A course rule's default, said once: on the course page's field."""
    return CoursePage._meta.get_field(field).default


@dataclass
class GradebookRow:
    enrollment: Enrollment
    cells: list
    counts: dict
    progress: object


def gradebook(cohort):
    """Participants x required activities, each cell a status; counts per row and column."""
    from .models import Submission
    from .progress import compute_progress

    activities = program_activities(cohort.program_id)
    enrollments = list(
        cohort.enrollments.filter(status=Enrollment.Status.REGISTERED)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    status_of = {
        (e, a): s
        for e, a, s in Submission.objects.filter(enrollment__cohort=cohort).values_list(
            "enrollment_id", "activity_id", "status"
        )
    }
    threshold = course_threshold(cohort.program_id)
    statuses = [s for s, _ in Submission.Status.choices]
    rows = []
    column_counts = [dict.fromkeys(statuses, 0) for _ in activities]
    for enrollment in enrollments:
        cells = [status_of.get((enrollment.pk, a.pk), Submission.Status.MISSING) for a in activities]
        for i, cell in enumerate(cells):
            column_counts[i][cell] += 1
        counts = {s: cells.count(s) for s in statuses}
        rows.append(GradebookRow(enrollment, cells, counts, compute_progress(cells, threshold)))
    return activities, rows, column_counts


@dataclass
class ActivityProgress:
    activity: object
    status: str
    submission: object
    latest_review: object

    @property
    def status_label(self):
        from .models import Submission

        return dict(Submission.Status.choices)[self.status]


def progress_for(enrollment):
    """Every required activity by module with its status and latest feedback, and the
    progress toward the course's completion threshold."""
    from itertools import groupby

    from .models import Review, Submission
    from .progress import compute_progress

    activities = program_activities(enrollment.cohort.program_id)
    submissions = {s.activity_id: s for s in Submission.objects.filter(enrollment=enrollment)}
    latest = {}
    for review in (
        Review.objects.filter(revision__submission__enrollment=enrollment)
        .select_related("reviewer", "revision")
        .order_by("created_at", "id")
    ):
        latest[review.revision.submission_id] = review
    items = []
    for activity in activities:
        submission = submissions.get(activity.pk)
        items.append(
            ActivityProgress(
                activity=activity,
                status=submission.status if submission else Submission.Status.MISSING,
                submission=submission,
                latest_review=latest.get(submission.pk) if submission else None,
            )
        )
    progress = compute_progress([i.status for i in items], course_threshold(enrollment.cohort.program_id))
    groups = [(page, list(group)) for page, group in groupby(items, key=lambda i: i.activity.page)]
    next_item = next((i for i in items if i.status == Submission.Status.NEEDS_REVISION), None) or next(
        (i for i in items if i.status == Submission.Status.MISSING), None
    )
    return progress, groups, next_item


def program_activities_for_cohorts(cohorts):
    """Required activities of every program these cohorts offer (for the queue's filters)."""
    seen, result = set(), []
    for program_id in sorted({c.program_id for c in cohorts}):
        if program_id not in seen:
            seen.add(program_id)
            result.extend(program_activities(program_id))
    return result


def enrollment_progress(enrollment):
    """Progress toward completion of one enrollment: what the completion engine reads."""
    from .models import Submission
    from .progress import compute_progress

    required = [a.pk for a in program_activities(enrollment.cohort.program_id)]
    status_of = dict(
        Submission.objects.filter(enrollment=enrollment, activity_id__in=required).values_list("activity_id", "status")
    )
    return compute_progress(
        [status_of.get(pk, Submission.Status.MISSING) for pk in required],
        course_threshold(enrollment.cohort.program_id),
    )


def program_hours(program_id) -> Decimal:
    """Hours a program is worth: its modules', or its workshops' and online learning's."""
    from wagtail.models import Page

    from modules.models import ModulePage, OnlineLearningPage, WorkshopPage

    path = Page.objects.filter(pk=program_id).values_list("path", flat=True).first() or "-"
    total = Decimal("0")
    for model in (ModulePage, WorkshopPage, OnlineLearningPage):
        total += sum(model.objects.live().filter(path__startswith=path).values_list("hours", flat=True), Decimal("0"))
    return total
