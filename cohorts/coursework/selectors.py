"""Read queries for coursework: a program's activities, progress, the review queue, the gradebook.
Each returns only what the asker may see."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db.models import Exists, F, JSONField, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.models import Page

from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import course_default, reviewable_cohorts
from modules.models import (
    Activity,
    ActivityKind,
    CoursePage,
    ModulePage,
    OnlineLearningPage,
    WorkshopPage,
    WorkshopSeriesPage,
)
from modules.outline import program_outline, program_outlines
from pd_platform import homes
from pd_platform.accounts import roles
from pd_platform.dates import within_planning_years

from . import turnaround
from .models import Review, Revision, Submission
from .progress import Progress, compute_progress, progress_of_counts
from .readable import excerpt
from .standing import Item, next_step, status_word
from .turnaround import Turnaround


def program_activities(program_id, required_only=True):
    """The activities of a program in course order (page tree order, then activity order)."""
    program_path = Page.objects.filter(pk=program_id).values_list("path", flat=True).first()
    if program_path is None:
        return []
    queryset = Activity.objects.filter(page__path__startswith=program_path, page__live=True).select_related("page")
    if required_only:
        queryset = queryset.filter(required=True)
    return list(queryset.order_by("page__path", "sort_order", "id"))


def welcome_complete(enrollment) -> bool:
    """Every required activity of the course's Welcome module (number 0) is complete."""
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


QUEUE_PAGE_SIZE = 50
QUEUE_COUNT_CAP = 1000  # beyond this the queue says "more than 1,000": counting further costs more than it tells


@dataclass(frozen=True)
class CohortName:
    """A cohort as a list names it: a facilitator of many cohorts gets many, so not whole objects."""

    pk: int
    name: str
    program_title: str
    program_path: str

    def __str__(self):
        return f"{self.program_title}: {self.name}"


@dataclass
class QueuePage:
    """One page of a reviewer's queue, oldest waiting first, and what its filters offer."""

    cohorts: list  # every cohort the reviewer may review, as CohortName
    activities: list  # the required activities of those cohorts' programs, in course order
    submissions: list  # this page's submissions
    waiting: int  # how many match the filters, counted up to QUEUE_COUNT_CAP
    start: int  # the position of this page's first submission in the queue (1 for the first page)
    next_after: str | None  # the cursor of the next page, None on the last
    first_page: bool  # no cursor: the oldest waiting

    @property
    def paged(self):
        """More than one page: the page says which part it shows and links on."""
        return bool(self.next_after) or not self.first_page

    @property
    def more_than_cap(self):
        return self.waiting > QUEUE_COUNT_CAP

    @property
    def end(self):
        return self.start + len(self.submissions) - 1


def review_queue(
    user, cohort_id=None, module_id=None, activity_key=None, status=Submission.Status.SUBMITTED, after=None, start=1
):
    """The submissions waiting for this reviewer, oldest waiting first, a page at a time.

    Pages are keyed by the last submission shown (``after``, a cursor from ``next_after``), not
    numbered: a page costs the same however long the queue and however far into it. The total is
    counted only up to QUEUE_COUNT_CAP, for the same reason. Five queries. Each row knows its
    revision number and, for a resubmission, what the last review asked (``last_feedback``, a
    plain excerpt, and ``not_met``, the rubric's criteria marked not met), read in the same query."""
    cohorts = [
        CohortName(*row)
        for row in reviewable_cohorts(user)
        .order_by("start_date", "name", "pk")
        .values_list("pk", "name", "program__title", "program__path")
    ]
    activities = program_activities_for_cohorts(cohorts)
    ids = [c.pk for c in cohorts]
    if cohort_id:
        ids = [cohort_id] if cohort_id in ids else []
    queryset = _queue(Submission.objects.filter(enrollment__cohort_id__in=ids), module_id, activity_key, status)
    cursor = _queue_cursor(after)
    page_query = queryset.filter(_after(*cursor)) if cursor else queryset
    rows = list(
        _with_last_review(page_query.select_related("enrollment__user", "activity__page", "follow_up")).only(
            *_QUEUE_ROW
        )[: QUEUE_PAGE_SIZE + 1]
    )
    more, rows = len(rows) > QUEUE_PAGE_SIZE, rows[:QUEUE_PAGE_SIZE]
    if cursor or more:
        waiting = queryset.values("pk")[: QUEUE_COUNT_CAP + 1].count()
    else:
        waiting = len(rows)
    by_id = {c.pk: c for c in cohorts}
    for submission in rows:
        submission.cohort_name = by_id[submission.enrollment.cohort_id].name
        submission.last_feedback = excerpt(submission.last_feedback_html or "", FEEDBACK_EXCERPT)
        submission.not_met = [
            str(result.get("criterion", ""))
            for result in (submission.last_rubric if isinstance(submission.last_rubric, list) else [])
            if isinstance(result, dict) and result.get("meets") is False
        ]
    last = rows[-1] if rows else None
    return QueuePage(
        cohorts=cohorts,
        activities=activities,
        submissions=rows,
        waiting=waiting,
        start=max(1, start) if cursor else 1,
        next_after=_cursor_of(last) if more else None,
        first_page=cursor is None,
    )


FEEDBACK_EXCERPT = 160  # characters of the last feedback a queue row shows
_FEEDBACK_READ = 1000  # characters of its HTML read for that: enough for the excerpt, never the whole


def _queue(submissions, module_id, activity_key, status):
    """The queue's filters and order (oldest waiting first) on some submissions."""
    queryset = submissions.exclude(enrollment__status=Enrollment.Status.CANCELLED).order_by(
        F("submitted_at").asc(nulls_last=True), "id"
    )
    if status:
        queryset = queryset.filter(status=status)
    if module_id:
        queryset = queryset.filter(activity__page_id=module_id)
    if activity_key:
        queryset = queryset.filter(activity__key=activity_key)
    return queryset


def _with_last_review(queryset):
    """Each submission's latest revision number and the start of its latest review's feedback
    and rubric, as subqueries of the rows' own query (no query per row)."""
    latest_review = Review.objects.filter(revision__submission=OuterRef("pk")).order_by("-created_at", "-id")
    return queryset.annotate(
        revision_number=Subquery(
            Revision.objects.filter(submission=OuterRef("pk")).order_by("-number").values("number")[:1]
        ),
        last_feedback_html=Subquery(
            latest_review.annotate(start=Substr("feedback", 1, _FEEDBACK_READ)).values("start")[:1]
        ),
        last_rubric=Subquery(latest_review.values("rubric")[:1], output_field=JSONField()),
    )


_QUEUE_ROW = (  # what a row of the queue shows and links to; the rest of each object is not read
    "status",
    "submitted_at",
    "enrollment__cohort_id",
    "enrollment__user__full_name",
    "activity__key",
    "activity__title",
    "activity__kind",
    "activity__page__title",
    "follow_up__title",
)


def _cursor_of(submission):
    when = submission.submitted_at.isoformat() if submission.submitted_at else "-"
    return f"{when}_{submission.pk}"


def _queue_cursor(value):
    """(submitted_at or None, id) from a cursor; None for a missing or mangled one (the first page),
    one outside the planning years included (9999-12-31 would overflow on its way to the database)."""
    if not value or "_" not in value:
        return None
    when, _, pk = value.rpartition("_")
    try:
        moment = None if when == "-" else datetime.fromisoformat(when)
        within_planning_years(moment)
        return moment, int(pk)
    except (ValueError, ValidationError):
        return None


def _after(submitted_at, pk):
    """Everything after (submitted_at, pk) in the queue's order: by submission time, then id; never submitted last."""
    if submitted_at is None:
        return Q(submitted_at__isnull=True, pk__gt=pk)
    return Q(submitted_at__gt=submitted_at) | Q(submitted_at=submitted_at, pk__gt=pk) | Q(submitted_at__isnull=True)


def _before(submitted_at, pk):
    """Everything before (submitted_at, pk) in the queue's order."""
    if submitted_at is None:
        return Q(submitted_at__isnull=False) | Q(submitted_at__isnull=True, pk__lt=pk)
    return Q(submitted_at__lt=submitted_at) | Q(submitted_at=submitted_at, pk__lt=pk)


@dataclass(frozen=True)
class QueuePlace:
    """Where a submission stands in a reviewer's queue as filtered: its neighbours, and its position."""

    previous_id: int | None
    next_id: int | None
    position: int | None  # 1 for the oldest waiting; None when it is not in the queue as filtered
    waiting: int  # counted up to QUEUE_COUNT_CAP + 1

    @property
    def more_than_cap(self):
        return self.waiting > QUEUE_COUNT_CAP


def _reviewable_queue(user, cohort_id, module_id, activity_key, status):
    submissions = Submission.objects.filter(enrollment__cohort__in=reviewable_cohorts(user))
    if cohort_id:
        submissions = submissions.filter(enrollment__cohort_id=cohort_id)
    return _queue(submissions, module_id, activity_key, status)


def _in_queue(submission, cohort_id, module_id, activity_key, status):
    """Whether a submission (already fetched through reviewable_submission) passes the filters."""
    activity = submission.activity
    return not (
        (status and submission.status != status)
        or submission.enrollment.status == Enrollment.Status.CANCELLED
        or (cohort_id and submission.enrollment.cohort_id != cohort_id)
        or (module_id and (activity is None or activity.page_id != module_id))
        or (activity_key and (activity is None or activity.key != activity_key))
    )


def queue_place(
    user, submission, cohort_id=None, module_id=None, activity_key=None, status=Submission.Status.SUBMITTED
):
    """The submissions before and after this one in the reviewer's queue with these filters (only
    cohorts they review), and its position in it: four queries, three when it is not in the queue."""
    queryset = _reviewable_queue(user, cohort_id, module_id, activity_key, status)
    key = (submission.submitted_at, submission.pk)
    previous_id = (
        queryset.filter(_before(*key))
        .order_by(F("submitted_at").desc(nulls_first=True), "-id")
        .values_list("pk", flat=True)
        .first()
    )
    next_id = queryset.filter(_after(*key)).values_list("pk", flat=True).first()
    waiting = queryset.values("pk")[: QUEUE_COUNT_CAP + 1].count()
    position = None
    if _in_queue(submission, cohort_id, module_id, activity_key, status) and waiting <= QUEUE_COUNT_CAP:
        position = queryset.filter(_before(*key)).values("pk")[:QUEUE_COUNT_CAP].count() + 1
    return QueuePlace(previous_id, next_id, position, waiting)


def next_in_queue(
    user, submission, cohort_id=None, module_id=None, activity_key=None, status=Submission.Status.SUBMITTED
):
    """The submission to review after this one: the next in the queue's order, else the oldest
    still waiting (one the reviewer skipped), else None. One or two queries."""
    queryset = _reviewable_queue(user, cohort_id, module_id, activity_key, status).exclude(pk=submission.pk)
    following = queryset.filter(_after(submission.submitted_at, submission.pk)).values_list("pk", flat=True).first()
    return following or queryset.values_list("pk", flat=True).first()


def reviewable_submission(user, submission_id):
    return (
        Submission.objects.filter(pk=submission_id, enrollment__cohort__in=reviewable_cohorts(user))
        .select_related("enrollment__user", "enrollment__cohort__program", "activity__page", "follow_up")
        .first()
    )


def course_thresholds(program_ids) -> dict:
    """program id -> its completion threshold, for several programs at once (two queries)."""
    result = {}
    for model in (CoursePage, WorkshopSeriesPage):
        result.update(model.objects.filter(pk__in=program_ids).values_list("pk", "completion_threshold"))
    return result


def required_activity_ids(programs) -> dict:
    """program id -> ids of its required activities in course order, for several programs (one query)."""
    programs = list(programs)
    if not programs:
        return {}
    where = Q()
    for program in programs:
        where |= Q(page__path__startswith=program.path)
    result: dict[int, list[int]] = {program.pk: [] for program in programs}
    for activity_id, path in (
        Activity.objects.filter(where, required=True, page__live=True)
        .order_by("page__path", "sort_order", "id")
        .values_list("pk", "page__path")
    ):
        for program in programs:
            if path.startswith(program.path):
                result[program.pk].append(activity_id)
    return result


def course_threshold(program_id):
    """The share of required submissions complete that earns the certificate."""
    for model in (CoursePage, WorkshopSeriesPage):
        value = model.objects.filter(pk=program_id).values_list("completion_threshold", flat=True).first()
        if value is not None:
            return value
    return course_default("completion_threshold")


@dataclass
class GradebookRow:
    enrollment: Enrollment
    cells: list  # a status per required activity
    counts: dict
    progress: object
    submission_ids: list | None = None  # the submission behind each cell, None where there is none


@dataclass(frozen=True)
class GradebookGroup:
    """A module (or workshop, or online-learning page) over its activities' columns."""

    page: object
    span: int

    @property
    def title(self):
        """A module by its number too ("Module 2: ..."), so two activities of the same name are told apart."""
        number = getattr(self.page, "number", None)
        if isinstance(self.page, ModulePage) and number:
            return f"Module {number}: {self.page.title}"
        return self.page.title


def gradebook_groups(activities):
    """The activities' pages in order, each with how many columns it spans (no query)."""
    groups = []
    for _, items in groupby(activities, key=lambda a: a.page_id):
        items = list(items)
        groups.append(GradebookGroup(items[0].page, len(items)))
    return groups


def gradebook(cohort):
    """Participants x required activities, each cell a status and the submission behind it; counts
    per row and column."""
    outline = program_outline(cohort.program_id)
    activities = list(outline.required) if outline else []
    enrollments = list(
        cohort.enrollments.filter(status=Enrollment.Status.REGISTERED)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    found = {
        (e, a): (s, pk)
        for e, a, s, pk in Submission.objects.filter(enrollment__cohort=cohort, activity__isnull=False).values_list(
            "enrollment_id", "activity_id", "status", "pk"
        )
    }
    threshold = outline.threshold if outline else course_default("completion_threshold")
    counted = counted_follow_up_statuses([e.pk for e in enrollments])
    statuses = [s for s, _ in Submission.Status.choices]
    rows = []
    column_counts = [dict.fromkeys(statuses, 0) for _ in activities]
    nothing = (Submission.Status.MISSING, None)
    for enrollment in enrollments:
        pairs = [found.get((enrollment.pk, a.pk), nothing) for a in activities]
        cells = [status for status, _ in pairs]
        for i, cell in enumerate(cells):
            column_counts[i][cell] += 1
        counts = {s: cells.count(s) for s in statuses}
        progress = compute_progress(cells + counted.get(enrollment.pk, []), threshold)
        rows.append(GradebookRow(enrollment, cells, counts, progress, [pk for _, pk in pairs]))
    return activities, rows, column_counts


def cohort_today(cohort):
    """Today where the cohort meets: its sessions' dates and its due dates are its local dates."""
    from zoneinfo import ZoneInfo

    return timezone.localdate(timezone=ZoneInfo(cohort.time_zone))


def session_dates_for(enrollments, outlines) -> dict:
    """(cohort id, page id) -> session date, for the cohorts whose program is attended at sessions
    (one query; none when no program has an attendance activity)."""
    cohort_ids = {
        e.cohort_id
        for e in enrollments
        if (outline := outlines.get(e.cohort.program_id))
        and any(a.kind == ActivityKind.ATTENDANCE for a in outline.required)
    }
    return homes.session_dates(cohort_ids)


def standing_items(enrollment, outline, status_of, sessions) -> list:
    """The program's required activities for this person in course order, each with its status and
    the date it is attended at (``status_of``: activity id -> status; ``sessions`` from session_dates_for)."""
    items = []
    for activity in outline.required if outline else ():
        session = activity.kind == ActivityKind.ATTENDANCE
        items.append(
            Item(
                activity,
                status_of.get(activity.pk, Submission.Status.MISSING),
                sessions.get((enrollment.cohort_id, activity.page_id)) if session else None,
                session,
            )
        )
    return items


def activity_status_word(enrollment, activity, submission):
    """The word on an activity's own page (one query for an attended activity, none otherwise)."""
    status = submission.status if submission else Submission.Status.MISSING
    if submission is not None and submission.follow_up_id:
        return status_word(status, cohort_today(enrollment.cohort), submission.follow_up.due_on)
    session = activity is not None and activity.kind == ActivityKind.ATTENDANCE
    due = homes.session_dates([enrollment.cohort_id]).get((enrollment.cohort_id, activity.page_id)) if session else None
    return status_word(status, cohort_today(enrollment.cohort), due, session=session)


@dataclass(frozen=True)
class LatestReview:
    """What the progress page says of a submission's latest review: its date and its feedback."""

    created_at: datetime
    feedback: str


@dataclass
class ActivityProgress:
    activity: object
    status: str
    submission: object
    latest_review: LatestReview | None
    word: object = None  # standing.StatusWord

    @property
    def status_label(self):
        return self.word.text if self.word else dict(Submission.Status.choices)[self.status]


@dataclass
class ProgressPage:
    progress: object
    groups: list  # (page, [ActivityProgress])
    next: object  # standing.NextStep or None
    follow_ups: list  # the enrollment's follow-up submissions, newest first, each with its ``word``
    revise: list  # [ActivityProgress] with feedback to act on, in course order


def progress_for(enrollment):
    """Every required activity by module with its status word and latest feedback, the follow-up
    assignments, the next step and the progress toward the course's completion threshold (one query
    for the submissions, follow-ups included, with their latest review's date and feedback; for a
    workshop series one for its sessions' dates; the program's activities from its outline)."""
    outline = program_outline(enrollment.cohort.program_id)
    submissions, follow_ups = {}, []
    latest_review = Review.objects.filter(revision__submission=OuterRef("pk")).order_by("-created_at", "-id")
    latest = {}
    for submission in (
        Submission.objects.filter(enrollment=enrollment)
        .select_related("follow_up")
        .annotate(
            latest_review_at=Subquery(latest_review.values("created_at")[:1]),
            latest_feedback=Subquery(latest_review.values("feedback")[:1]),
        )
    ):
        if submission.follow_up_id:
            follow_ups.append(submission)
        else:
            submissions[submission.activity_id] = submission
            if submission.latest_review_at is not None:
                latest[submission.pk] = LatestReview(submission.latest_review_at, submission.latest_feedback)
    today = cohort_today(enrollment.cohort)
    sessions = session_dates_for([enrollment], {enrollment.cohort.program_id: outline} if outline else {})
    standing = standing_items(enrollment, outline, {pk: s.status for pk, s in submissions.items()}, sessions)
    items = []
    for item in standing:
        submission = submissions.get(item.activity.pk)
        items.append(
            ActivityProgress(
                activity=item.activity,
                status=item.status,
                submission=submission,
                latest_review=latest.get(submission.pk) if submission else None,
                word=status_word(item.status, today, item.due, session=item.session),
            )
        )
    progress = compute_progress(
        [i.status for i in items] + [s.status for s in follow_ups if s.follow_up.counts_toward_completion],
        outline.threshold if outline else course_default("completion_threshold"),
    )
    groups = [(page, list(group)) for page, group in groupby(items, key=lambda i: i.activity.page)]
    for submission in follow_ups:
        submission.word = status_word(submission.status, today, submission.follow_up.due_on)
    follow_ups.sort(key=lambda s: (s.follow_up.created_at, s.pk), reverse=True)
    revise = [i for i in items if i.status == Submission.Status.NEEDS_REVISION]
    return ProgressPage(progress, groups, next_step(standing, today, progress.met), follow_ups, revise)


def program_activities_for_cohorts(cohorts):
    """Required activities of every program these cohorts offer, program by program in course
    order (for the queue's filters; one query; ``cohorts`` as CohortName)."""
    paths = sorted({c.program_path for c in cohorts})
    if not paths:
        return []
    where = Q()
    for path in paths:
        where |= Q(page__path__startswith=path)
    return list(
        Activity.objects.filter(where, page__live=True, required=True)
        .select_related("page")
        .only("key", "title", "kind", "page__title", "page__path")  # names for the filters, not whole pages
        .order_by("page__path", "sort_order", "id")
    )


def counted_follow_up_statuses(enrollment_ids) -> dict:
    """enrollment id -> the statuses of its follow-ups that count toward completion (one query)."""
    result: dict = {}
    for enrollment_id, status in Submission.objects.filter(
        enrollment_id__in=list(enrollment_ids), follow_up__counts_toward_completion=True
    ).values_list("enrollment_id", "status"):
        result.setdefault(enrollment_id, []).append(status)
    return result


def enrollment_progress(enrollment):
    """Progress toward completion of one enrollment: what the completion engine reads."""
    required = [a.pk for a in program_activities(enrollment.cohort.program_id)]
    status_of = dict(
        Submission.objects.filter(enrollment=enrollment, activity_id__in=required).values_list("activity_id", "status")
    )
    return compute_progress(
        [status_of.get(pk, Submission.Status.MISSING) for pk in required]
        + counted_follow_up_statuses([enrollment.pk]).get(enrollment.pk, []),
        course_threshold(enrollment.cohort.program_id),
    )


def program_hours(program_id) -> Decimal:
    """Hours a program is worth: its modules', or its workshops' and online learning's."""
    path = Page.objects.filter(pk=program_id).values_list("path", flat=True).first() or "-"
    total = Decimal("0")
    for model in (ModulePage, WorkshopPage, OnlineLearningPage):
        total += sum(model.objects.live().filter(path__startswith=path).values_list("hours", flat=True), Decimal("0"))
    return total


def oldest_waiting():
    """The submission waiting longest for review in any cohort, and how many wait (two queries)."""
    waiting = Submission.objects.filter(status=Submission.Status.SUBMITTED).exclude(
        enrollment__status=Enrollment.Status.CANCELLED
    )
    oldest = (
        waiting.select_related("activity", "follow_up", "enrollment__user", "enrollment__cohort")
        .order_by("submitted_at", "id")
        .first()
    )
    return oldest, waiting.count()


def _first_reviews_since(since):
    """Each revision's first review by a facilitator (a participation rule, with no reviewer, is not
    feedback), given on or after ``since``: one row per revision."""
    earlier = Review.objects.filter(revision_id=OuterRef("revision_id"), reviewer__isnull=False).filter(
        Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
    )
    return Review.objects.filter(reviewer__isnull=False, created_at__gte=since).exclude(Exists(earlier))


@dataclass(frozen=True)
class TurnaroundReport:
    since: datetime
    days: int
    overall: Turnaround | None  # the facilitator's own (their home); None on the office's report
    by_facilitator: list  # [Turnaround]
    by_cohort: list  # [Turnaround]


def _window(now):
    now = now or timezone.now()
    return now - timedelta(days=turnaround.WINDOW_DAYS)


def facilitator_turnaround(user, now=None):
    """A facilitator's own turnaround and that of each cohort they facilitate (every facilitator's
    first reviews there), over the last 90 days. Two queries, however many cohorts and reviews."""
    since = _window(now)
    cohorts = list(
        Cohort.objects.filter(facilitators=user, end_date__gte=since.date())
        .select_related("program")
        .order_by("-start_date", "pk")
    )
    own, per_cohort = [], defaultdict(list)
    for reviewer_id, cohort_id, submitted, reviewed in (
        _first_reviews_since(since)
        .filter(
            # A subquery, not a join on the facilitators: a cohort with two facilitators must not count a review twice.
            Q(reviewer=user)
            | Q(revision__submission__enrollment__cohort_id__in=Cohort.objects.filter(facilitators=user).values("pk"))
        )
        .values_list("reviewer_id", "revision__submission__enrollment__cohort_id", "revision__created_at", "created_at")
    ):
        if reviewer_id == user.pk:
            own.append(reviewed - submitted)
        per_cohort[cohort_id].append(reviewed - submitted)
    return TurnaroundReport(
        since,
        turnaround.WINDOW_DAYS,
        Turnaround.of("Your reviews", own),
        [],
        [Turnaround.of(f"{c.program.title}, {c.name}", per_cohort.get(c.pk, ())) for c in cohorts],
    )


def office_turnaround(user, now=None):
    """Every facilitator's and every cohort's turnaround over the last 90 days, for the program
    office (None for anyone else). One query for the figures (and one for the role if not known yet), however
    many facilitators, cohorts and reviews."""
    if not roles.is_admin(user):
        return None
    since = _window(now)
    by_reviewer, by_cohort = defaultdict(list), defaultdict(list)
    reviewer_names, cohort_names = {}, {}
    for reviewer_id, name, email, cohort_id, cohort, program, submitted, reviewed in _first_reviews_since(
        since
    ).values_list(
        "reviewer_id",
        "reviewer__full_name",
        "reviewer__email",
        "revision__submission__enrollment__cohort_id",
        "revision__submission__enrollment__cohort__name",
        "revision__submission__enrollment__cohort__program__title",
        "revision__created_at",
        "created_at",
    ):
        by_reviewer[reviewer_id].append(reviewed - submitted)
        by_cohort[cohort_id].append(reviewed - submitted)
        reviewer_names[reviewer_id] = name or email
        cohort_names[cohort_id] = f"{program}, {cohort}"
    return TurnaroundReport(
        since,
        turnaround.WINDOW_DAYS,
        None,
        sorted(
            (Turnaround.of(reviewer_names[pk], times) for pk, times in by_reviewer.items()),
            key=lambda t: t.label.lower(),
        ),
        sorted((Turnaround.of(cohort_names[pk], times) for pk, times in by_cohort.items()), key=lambda t: t.label),
    )


def progress_of_enrollments(enrollments: Iterable[Enrollment]) -> dict[int, Progress]:
    """enrollment id -> its Progress toward the completion rule, for several enrollments at once (two
    queries: the complete submissions, as only they count, and the counted follow-ups; the programs'
    outlines from the cache)."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    ids = [e.pk for e in enrollments]
    outlines = program_outlines({e.cohort.program_id for e in enrollments})
    complete = set(
        Submission.objects.filter(
            enrollment_id__in=ids, activity__isnull=False, status=Submission.Status.COMPLETE
        ).values_list("enrollment_id", "activity_id")
    )
    counted = counted_follow_up_statuses(ids)
    # Each program's rule read once, not once per enrollment (a district has thousands).
    required = {pk: [a.pk for a in outline.required] for pk, outline in outlines.items()}
    threshold = {pk: outline.threshold for pk, outline in outlines.items()}
    default = course_default("completion_threshold")
    result = {}
    for enrollment in enrollments:
        program_id, follow_ups = enrollment.cohort.program_id, counted.get(enrollment.pk, [])
        activities = required.get(program_id, ())
        result[enrollment.pk] = progress_of_counts(
            len(activities) + len(follow_ups),
            sum(1 for a in activities if (enrollment.pk, a) in complete) + follow_ups.count(Submission.Status.COMPLETE),
            threshold.get(program_id, default),
        )
    return result
