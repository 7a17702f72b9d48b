"""What the cohort health page reads: each participant's flags (fed to the pure rules in
``flags``) and the figures behind the charts. Every function runs in a fixed number of queries,
however many participants, submissions and sessions there are."""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from cohorts.coursework.models import DiscussionPost, MaterialMark, Review, Revision, Submission
from cohorts.coursework.progress import Progress
from cohorts.coursework.selectors import progress_of_enrollments
from cohorts.coursework.turnaround import Turnaround
from cohorts.evaluations.models import Response, Survey
from cohorts.evaluations.services import END
from cohorts.registration.models import Cohort, District, Enrollment
from cohorts.registration.selectors import reviewable_cohorts
from cohorts.workshops.models import Attendance, WorkshopSession
from cohorts.workshops.rules import AttendanceStatus, counts_as_attended
from cohorts.workshops.selectors import program_type_runs_workshops
from modules.models import ActivityKind
from pd_platform.accounts.models import User

from . import charts, flags
from .charts import Chart
from .flags import Flag
from .models import HealthThresholds, Nudge

Status = Submission.Status


def health_cohorts(user: User | AnonymousUser) -> QuerySet[Cohort]:
    """The cohorts whose health this person may see: the office every cohort, a facilitator their own."""
    return reviewable_cohorts(user).select_related("program").order_by("-start_date", "pk")


def health_cohort(user: User | AnonymousUser, cohort_id: int) -> Cohort | None:
    return health_cohorts(user).filter(pk=cohort_id).first()


def thresholds_for(program_ids: Iterable[int]) -> defaultdict[int, flags.Thresholds]:
    """program id -> its Thresholds (the defaults for a program without a row); one query."""
    rows = HealthThresholds.objects.filter(program_id__in=set(program_ids))
    found = {
        row.program_id: flags.Thresholds(row.idle_days, row.revision_waiting_days, row.missed_sessions) for row in rows
    }
    return defaultdict(flags.Thresholds, found)


def local_today(cohort: Cohort, now: datetime) -> date:
    return now.astimezone(ZoneInfo(cohort.time_zone)).date()


def _local_day(moment: datetime, cohort: Cohort) -> date:
    return moment.astimezone(ZoneInfo(cohort.time_zone)).date()


@dataclass
class PersonHealth:
    enrollment: Enrollment
    progress: Progress
    flags: list[Flag]
    nudges: dict[tuple[str, str], Nudge] = field(default_factory=dict)  # (reason, period) -> Nudge
    page_url: str = ""  # where a page listing them links their name (its view sets it)

    def nudge_for(self, flag: Flag) -> Nudge | None:
        return self.nudges.get((flag.reason, flag.period))

    @property
    def shown_flags(self) -> list[tuple[Flag, Nudge | None]]:
        """Each flag with the nudge already sent about it (or None)."""
        return [(flag, self.nudge_for(flag)) for flag in self.flags]


def _last_activity(enrollments: Sequence[Enrollment], ids: list[int]) -> dict[int, datetime | None]:
    """enrollment id -> the latest moment they did something: sent work, saved a draft, marked a
    material, posted, signed in. Three queries."""
    latest: defaultdict[int, list[datetime | None]] = defaultdict(list)
    for enrollment_id, submitted, drafted in (
        Submission.objects.filter(enrollment_id__in=ids)
        .values("enrollment")
        .annotate(submitted=Max("submitted_at"), drafted=Max("draft_saved_at"))
        .values_list("enrollment", "submitted", "drafted")
    ):
        latest[enrollment_id] += [submitted, drafted]
    for enrollment_id, marked in (
        MaterialMark.objects.filter(enrollment_id__in=ids)
        .values("enrollment")
        .annotate(last=Max("marked_at"))
        .values_list("enrollment", "last")
    ):
        latest[enrollment_id].append(marked)
    # Their posts in their cohort: the cohort's enrollment whose person wrote the post.
    for enrollment_id, posted in (
        DiscussionPost.objects.filter(cohort__enrollments__in=ids, cohort__enrollments__user=F("author"))
        .values("cohort__enrollments")
        .annotate(last=Max("created_at"))
        .values_list("cohort__enrollments", "last")
    ):
        latest[enrollment_id].append(posted)
    for e in enrollments:
        latest[e.pk].append(e.user.last_login)
    return {pk: max((w for w in whens if w), default=None) for pk, whens in latest.items()}


def _revisions_waiting(
    ids: list[int], zones: dict[int, ZoneInfo], links: "Links"
) -> dict[int, list[flags.WaitingRevision]]:
    """enrollment id -> [WaitingRevision]: feedback asked for a revision and none came yet. One query, of
    rows rather than models (``zones``: enrollment id -> its cohort's time zone)."""
    latest_review = Review.objects.filter(revision__submission=OuterRef("pk")).order_by("-created_at", "-pk")
    found = defaultdict(list)
    for pk, enrollment_id, follow_up_id, follow_up_title, activity_key, activity_title, review_id, reviewed_at in (
        Submission.objects.filter(enrollment_id__in=ids, status=Status.NEEDS_REVISION)
        .annotate(
            review_id=Subquery(latest_review.values("pk")[:1]),
            reviewed_at=Subquery(latest_review.values("created_at")[:1]),
        )
        .filter(reviewed_at__isnull=False)
        .order_by("pk")
        .values_list(
            "pk",
            "enrollment_id",
            "follow_up_id",
            "follow_up__title",
            "activity__key",
            "activity__title",
            "review_id",
            "reviewed_at",
        )
    ):
        # What Submission.title and Submission.participant_url say, from the row.
        if follow_up_id:
            title, url = follow_up_title, links("coursework:follow_up", enrollment_id, follow_up_id)
        else:
            title, url = activity_title, links("coursework:activity", enrollment_id, activity_key)
        reviewed_on = reviewed_at.astimezone(zones[enrollment_id]).date()
        found[enrollment_id].append(flags.WaitingRevision(pk, title, reviewed_on, review_id, url))
    return found


def _missed_sessions(ids: list[int], now: datetime) -> dict[int, list[flags.MissedSession]]:
    """enrollment id -> [MissedSession]: a past session they were absent from, or at for too little
    of it to count. One query."""
    found = defaultdict(list)
    for a in (
        Attendance.objects.filter(enrollment_id__in=ids, session__date__lt=now.date())
        .exclude(status=AttendanceStatus.PRESENT)
        .select_related("session__workshop")
        .order_by("session__date", "pk")
    ):
        if not counts_as_attended(a.status, a.minutes, a.session.minutes):
            found[a.enrollment_id].append(flags.MissedSession(a.session_id, a.session.workshop.title, a.session.date))
    return found


def _evaluations_unanswered(enrollments: Sequence[Enrollment]) -> set[int]:
    """The enrollments whose program has an evaluation they have not answered. Two queries."""
    programs = set(
        Survey.objects.filter(
            kind=Survey.Kind.EVALUATION, program_id__in={e.cohort.program_id for e in enrollments}
        ).values_list("program_id", flat=True)
    )
    asked = [e.pk for e in enrollments if e.cohort.program_id in programs]
    if not asked:
        return set()
    answered = set(Response.objects.filter(occasion=END, enrollment_id__in=asked).values_list("enrollment", flat=True))
    return set(asked) - answered


class Links:
    """``reverse(name, args=[*before, number, *rest])`` for thousands of people at the cost of one
    ``reverse`` per name, ``before`` and ``rest``: the number is put into the address reversed once."""

    MARK = 987654321987

    def __init__(self) -> None:
        self._made: dict[tuple[str, tuple[object, ...], tuple[object, ...]], tuple[str, str] | None] = {}

    def __call__(self, name: str, number: int, *rest: object, before: tuple[object, ...] = ()) -> str:
        key = (name, before, rest)
        if key not in self._made:
            halves = reverse(name, args=[*before, self.MARK, *rest]).split(str(self.MARK))
            self._made[key] = (halves[0], halves[1]) if len(halves) == 2 else None
        made = self._made[key]
        if made is None:  # the mark is found twice: reverse each one
            return reverse(name, args=[*before, number, *rest])
        return f"{made[0]}{number}{made[1]}"


def people_health(enrollments: Iterable[Enrollment], now: datetime | None = None) -> list[PersonHealth]:
    """Each enrollment's progress and flags, with the nudges sent about them, for enrollments of any
    cohorts (a district's people, say; load them with ``select_related("user", "cohort")``; an
    enrollment of the same cohort may share one Cohort object). Eleven queries however many people (nine
    when none of their programs has an evaluation)."""
    now = now or timezone.now()
    enrollments = list(enrollments)
    if not enrollments:
        return []
    ids = [e.pk for e in enrollments]
    # Each cohort's time zone and today, once per cohort rather than per person.
    zone_of: dict[int, ZoneInfo] = {}
    today_of: dict[int, date] = {}
    for cohort_id, time_zone in {(e.cohort_id, e.cohort.time_zone) for e in enrollments}:
        zone_of[cohort_id] = ZoneInfo(time_zone)
        today_of[cohort_id] = now.astimezone(zone_of[cohort_id]).date()
    zones = {e.pk: zone_of[e.cohort_id] for e in enrollments}
    links = Links()
    progress = progress_of_enrollments(enrollments)
    last = _last_activity(enrollments, ids)
    waiting = _revisions_waiting(ids, zones, links)
    missed = _missed_sessions(ids, now)
    unanswered = _evaluations_unanswered(enrollments)
    thresholds = thresholds_for(e.cohort.program_id for e in enrollments)
    nudges: defaultdict[int, dict[tuple[str, str], Nudge]] = defaultdict(dict)
    for nudge in Nudge.objects.filter(enrollment_id__in=ids).select_related("sent_by").order_by("sent_at"):
        nudges[nudge.enrollment_id][(nudge.reason, nudge.period)] = nudge
    rows = []
    for e in enrollments:
        cohort, zone = e.cohort, zones[e.pk]
        seen = last.get(e.pk)
        facts = flags.Facts(
            today=today_of[e.cohort_id],
            started_on=max(cohort.start_date, e.created_at.astimezone(zone).date()),
            last_activity=seen.astimezone(zone).date() if seen else None,
            requirement_met=progress[e.pk].met,
            revisions=tuple(waiting.get(e.pk, ())),
            missed=tuple(missed.get(e.pk, ())),
            evaluation_due=e.pk in unanswered,
            # the links a nudge sends them to (cheap: ``links`` reverses each kind once)
            progress_url=links("coursework:progress", e.pk),
            evaluation_url=links("evaluations:evaluation", e.pk),
        )
        found = flags.flags_for(facts, thresholds[cohort.program_id])
        rows.append(PersonHealth(e, progress[e.pk], found, nudges.get(e.pk, {})))
    return rows


def cohort_enrollments(cohort: Cohort) -> QuerySet[Enrollment]:
    return (
        cohort.enrollments.filter(status=Enrollment.Status.REGISTERED)
        .select_related("user")
        .order_by("user__full_name", "user__email", "pk")
    )


def _of_cohort(cohort: Cohort, enrollments: QuerySet[Enrollment]) -> list[Enrollment]:
    """The enrollments, each knowing ``cohort`` (and its program) without a Cohort read per row."""
    rows = list(enrollments)
    for e in rows:
        e.cohort = cohort
    return rows


def cohort_people(cohort: Cohort, now: datetime | None = None) -> list[PersonHealth]:
    """The registered participants of a cohort with their flags, the flagged first."""
    rows = people_health(_of_cohort(cohort, cohort_enrollments(cohort)), now)
    return sorted(rows, key=lambda row: not row.flags)


def person_health(cohort: Cohort, enrollment_id: int, now: datetime | None = None) -> PersonHealth | None:
    """One participant of this cohort with their flags (None when not registered in it)."""
    return next(iter(people_health(_of_cohort(cohort, cohort_enrollments(cohort).filter(pk=enrollment_id)), now)), None)


# The charts' figures: of whole cohorts (their facilitators' page) or of some people in them (a district's).


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _path(to_enrollment: str, name: str) -> str:
    return f"{to_enrollment}__{name}" if to_enrollment else name


@dataclass(frozen=True)
class _Scope:
    """Whose work the figures count: the people of ``cohorts`` or, with ``enrollment_ids``, only those
    registrations in them (a district's people: nobody else's work is read, so no figure can reveal it)."""

    cohorts: dict[int, Cohort]
    enrollment_ids: list[int] | None

    def of(self, to_enrollment: str = "", registered: bool = True) -> Q:
        """The rows whose enrollment (``to_enrollment``: the path to it; none for enrollments) is counted;
        ``registered``: only registrations that hold (not the cancelled nor the waitlisted)."""
        counted = Q(**{_path(to_enrollment, "cohort__in"): list(self.cohorts)})
        if registered:
            counted &= Q(**{_path(to_enrollment, "status"): Enrollment.Status.REGISTERED})
        if self.enrollment_ids is not None:
            counted &= Q(**{_path(to_enrollment, "pk__in"): self.enrollment_ids})
        return counted

    def local_date(self, moment: str, to_enrollment: str) -> TruncDate | Case:
        """The day ``moment`` fell on in its cohort's time zone, in SQL: one query for cohorts in several zones."""
        zones: defaultdict[str, list[int]] = defaultdict(list)
        for cohort in self.cohorts.values():
            zones[cohort.time_zone].append(cohort.pk)
        if len(zones) == 1:
            return TruncDate(moment, tzinfo=ZoneInfo(next(iter(zones))))
        return Case(
            *(
                When(Q(**{_path(to_enrollment, "cohort__in"): ids}), then=TruncDate(moment, tzinfo=ZoneInfo(zone)))
                for zone, ids in sorted(zones.items())
            ),
            output_field=DateField(),
        )


def completions_per_week(scope: _Scope) -> dict[int, list[tuple[date, int]]]:
    """cohort id -> (Monday, submissions rated complete that week) from its first completion to its last, in the
    cohort's time zone; one query, counted by day in the database."""
    path = "revision__submission__enrollment"
    counts: defaultdict[int, Counter[date]] = defaultdict(Counter)
    for cohort_id, day, count in (
        Review.objects.filter(scope.of(path), rating=Review.Rating.COMPLETE)
        .annotate(day=scope.local_date("created_at", path))
        .values("day", cohort_pk=F(f"{path}__cohort"))
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("cohort_pk", "day", "count")
    ):
        counts[cohort_id][_week_start(day)] += count
    found = {}
    for cohort_id, weeks in counts.items():
        week, last, every = min(weeks), max(weeks), []
        while week <= last:
            every.append((week, weeks.get(week, 0)))
            week += timedelta(weeks=1)
        found[cohort_id] = every
    return {pk: found.get(pk, []) for pk in scope.cohorts}


WAITING_BUCKETS = ((0, 2, "Under 2 days"), (2, 5, "2 to 4 days"), (5, 10, "5 to 9 days"), (10, None, "10 days or more"))


def waiting_by_age(scope: _Scope, now: datetime) -> dict[int, list[tuple[str, int]]]:
    """cohort id -> (how long, submissions waiting that long for feedback), in whole days; one query, counted in the
    database."""
    buckets = {}
    for i, (low, high, _) in enumerate(WAITING_BUCKETS):
        waited = Q(submitted_at__lte=now - timedelta(days=low))
        if high is not None:
            waited &= Q(submitted_at__gt=now - timedelta(days=high))
        if not low:
            waited |= Q(submitted_at__isnull=True)  # no moment: as if just sent
        buckets[f"waited_{i}"] = Count("pk", filter=waited)
    found = {
        row["cohort_pk"]: [(label, row[f"waited_{i}"]) for i, (_, _, label) in enumerate(WAITING_BUCKETS)]
        for row in Submission.objects.filter(scope.of("enrollment"), status=Status.SUBMITTED)
        .values(cohort_pk=F("enrollment__cohort"))
        .annotate(**buckets)
        .order_by()
    }
    nothing = [(label, 0) for _, _, label in WAITING_BUCKETS]
    return {pk: found.get(pk, nothing) for pk in scope.cohorts}


def feedback_turnaround(scope: _Scope) -> dict[int, Turnaround]:
    """cohort id -> its feedback turnaround: each revision's first review by a facilitator, from its submission.
    One query, a row per revision reviewed."""
    path = "revision__submission__enrollment"
    durations: defaultdict[int, list[timedelta]] = defaultdict(list)
    # The wait taken in the database: a duration a row is read far faster than two moments with their time zone.
    waited = ExpressionWrapper(Min("created_at") - F("revision__created_at"), output_field=DurationField())
    for cohort_id, took in (
        Review.objects.filter(scope.of(path, registered=False), reviewer__isnull=False)
        .values("revision", "revision__created_at", cohort_pk=F(f"{path}__cohort"))
        .annotate(took=waited)
        .order_by()
        .values_list("cohort_pk", "took")
    ):
        durations[cohort_id].append(took)
    return {pk: Turnaround.of(cohort.name, durations[pk]) for pk, cohort in scope.cohorts.items()}


def revisions_per_activity(scope: _Scope) -> dict[int, list[tuple[str, int, int]]]:
    """cohort id -> (activity title, revisions feedback asked for, revisions sent) for the work activities where
    feedback asked for any (a discussion's posts and a session's attendance are not revisions), in the course's
    order; two queries."""

    def work(to_revision: str) -> Q:
        kind = Q(**{f"{to_revision}submission__activity__kind__in": [ActivityKind.ASSIGNMENT, ActivityKind.REFLECTION]})
        return scope.of(f"{to_revision}submission__enrollment", registered=False) & kind

    asked = (
        Review.objects.filter(work("revision__"), rating=Review.Rating.NEEDS_REVISION)
        .values(
            "revision__submission__activity",
            "revision__submission__activity__title",
            cohort_pk=F("revision__submission__enrollment__cohort"),
        )
        .annotate(count=Count("pk"))
        .order_by(
            "revision__submission__activity__page__path",
            "revision__submission__activity__sort_order",
            "revision__submission__activity",
        )
    )
    sent = {
        (cohort_id, activity_id): after_first
        for cohort_id, activity_id, after_first in Revision.objects.filter(work(""))
        .values("submission__activity", cohort_pk=F("submission__enrollment__cohort"))
        .annotate(after_first=Count("pk") - Count("submission", distinct=True))
        .order_by()
        .values_list("cohort_pk", "submission__activity", "after_first")
    }
    found: dict[int, list[tuple[str, int, int]]] = {pk: [] for pk in scope.cohorts}
    for row in asked:
        activity_id = row["revision__submission__activity"]
        found[row["cohort_pk"]].append(
            (row["revision__submission__activity__title"], row["count"], sent.get((row["cohort_pk"], activity_id), 0))
        )
    return found


def attendance_per_session(scope: _Scope) -> dict[int, list[tuple[WorkshopSession, int, int]]]:
    """cohort id -> (session, how many attended enough to count, how many registered) per scheduled session; three
    queries, the attendance counted by (session, status, minutes) in the database."""
    registered = dict(
        Enrollment.objects.filter(scope.of())
        .values("cohort")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("cohort", "count")
    )
    sessions = {
        session.pk: session
        for session in WorkshopSession.objects.filter(cohort__in=list(scope.cohorts))
        .select_related("workshop")
        .order_by("date", "start_time", "pk")
    }
    attended: Counter[int] = Counter()
    for session_id, status, minutes, count in (
        Attendance.objects.filter(scope.of("enrollment"), session__cohort__in=list(scope.cohorts))
        .values("session", "status", "minutes")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("session", "status", "minutes", "count")
    ):
        if counts_as_attended(status, minutes, sessions[session_id].minutes):
            attended[session_id] += count
    found: dict[int, list[tuple[WorkshopSession, int, int]]] = {pk: [] for pk in scope.cohorts}
    for pk, session in sessions.items():
        found[session.cohort_id].append((session, attended[pk], registered.get(session.cohort_id, 0)))
    return found


@dataclass(frozen=True)
class Figures:
    completions: list[tuple[date, int]]  # (Monday, count)
    waiting: list[tuple[str, int]]  # (bucket label, count)
    turnaround: Turnaround
    revisions: list[tuple[str, int, int]]  # (activity title, revisions asked for, revisions sent)
    attendance: list[tuple[WorkshopSession, int, int]]  # (session, attended, registered)


def figures_of_cohorts(
    cohorts: Iterable[Cohort], now: datetime | None = None, enrollments: Iterable[Enrollment] | None = None
) -> dict[int, Figures]:
    """cohort id -> everything its charts draw. With ``enrollments`` (registrations in those cohorts: a district's
    people in them, say), the figures count those people's work and no one else's; without, everyone registered in
    each cohort. Eight queries however many cohorts and people (none for no cohort)."""
    now = now or timezone.now()
    scope = _Scope({c.pk: c for c in cohorts}, None if enrollments is None else [e.pk for e in enrollments])
    if not scope.cohorts:
        return {}
    completions = completions_per_week(scope)
    waiting = waiting_by_age(scope, now)
    turnaround = feedback_turnaround(scope)
    revisions = revisions_per_activity(scope)
    attendance = attendance_per_session(scope)
    return {
        pk: Figures(completions[pk], waiting[pk], turnaround[pk], revisions[pk], attendance[pk]) for pk in scope.cohorts
    }


def cohort_figures(
    cohort: Cohort, now: datetime | None = None, enrollments: Iterable[Enrollment] | None = None
) -> Figures:
    """Everything the charts draw, for one cohort (or, with ``enrollments``, for those people in it). Eight queries."""
    return figures_of_cohorts([cohort], now, enrollments)[cohort.pk]


# A district's view: its people in the cohorts that run now, for its coordinator.


@dataclass
class DistrictCohortHealth:
    cohort: Cohort
    program_title: str
    runs_workshops: bool
    people: list[PersonHealth]  # the district's registered people in it, the flagged first
    figures: Figures | None = None  # of those people's work alone
    charts: list[Chart] = field(default_factory=list)  # drawn from the figures

    @property
    def flagged(self) -> list[PersonHealth]:
        return [p for p in self.people if p.flags]

    @property
    def met(self) -> int:
        return sum(1 for p in self.people if p.progress.met)


@dataclass
class DistrictHealth:
    cohorts: list[DistrictCohortHealth]

    @property
    def people(self) -> int:
        """People, not registrations: someone in two cohorts counts once."""
        return len({p.enrollment.user_id for c in self.cohorts for p in c.people})

    @property
    def flagged(self) -> int:
        return len({p.enrollment.user_id for c in self.cohorts for p in c.flagged})


def _district_registrations(
    district: District, now: datetime, cohort_id: int | None = None
) -> tuple[dict[int, DistrictCohortHealth], list[Enrollment]]:
    """The district's people's registrations in the cohorts not yet ended where they run (``cohort_id``: in that
    cohort only), each cohort with its entry (its people not read yet), the latest-starting cohort first. One query."""
    enrollments = Enrollment.objects.filter(
        status=Enrollment.Status.REGISTERED,
        user__district_membership__district=district,
        cohort__end_date__gte=timezone.localdate(now) - timedelta(days=1),
    )
    if cohort_id is not None:
        enrollments = enrollments.filter(cohort=cohort_id)
    rows = list(
        # The page names each cohort's program, not its people's: its title, not a Wagtail page per row.
        enrollments.select_related("user", "cohort")
        .only(
            "created_at",
            "cohort",
            "user",
            "user__full_name",
            "user__email",
            "user__last_login",
            *(f"cohort__{name}" for name in ("name", "start_date", "end_date", "time_zone", "program")),
        )
        .annotate(program_title=F("cohort__program__title"), program_type=F("cohort__program__content_type"))
        .order_by("-cohort__start_date", "cohort__pk", "user__full_name", "user__email", "pk")
    )
    grouped: dict[int, DistrictCohortHealth] = {}
    for e in rows:  # one Cohort object per cohort
        if e.cohort_id not in grouped:
            runs = program_type_runs_workshops(e.program_type)
            grouped[e.cohort_id] = DistrictCohortHealth(e.cohort, e.program_title, runs, [])
        e.cohort = grouped[e.cohort_id].cohort
    # Ended where it runs (its own time zone): not shown, nor its people, nor their work.
    shown = {pk: item for pk, item in grouped.items() if local_today(item.cohort, now) <= item.cohort.end_date}
    return shown, [e for e in rows if e.cohort_id in shown]


def _draw_charts(shown: dict[int, DistrictCohortHealth], rows: list[Enrollment], now: datetime) -> None:
    """Each cohort's figures and charts, of the work of its ``rows`` (the district's people in it) alone."""
    figures = figures_of_cohorts([item.cohort for item in shown.values()], now, rows)
    people = Counter(e.cohort_id for e in rows)
    for pk, item in shown.items():
        item.figures = figures[pk]
        item.charts = charts.cohort_charts(item.figures, item.runs_workshops, people=people[pk])


def district_health(district: District, now: datetime | None = None) -> DistrictHealth:
    """The cohorts not yet ended (running, or still to start) in which the district's people (those in it now) are
    registered, each with only those people, the flagged first, their flags (each person linked to their page in
    the district's workspace) and the charts of their work alone: the latest-starting cohort first. The queries of
    ``people_health`` and of ``figures_of_cohorts`` and one more, however many cohorts and people."""
    now = now or timezone.now()
    shown, rows = _district_registrations(district, now)
    links = Links()  # one reverse for the hundreds of names the page links
    for row in people_health(rows, now):
        row.page_url = links("districts:person", row.enrollment.user_id, before=(district.pk,))
        shown[row.enrollment.cohort_id].people.append(row)
    for item in shown.values():
        item.people.sort(key=lambda row: not row.flags)
    _draw_charts(shown, rows, now)
    return DistrictHealth(list(shown.values()))


def district_cohort_charts(
    district: District, cohort_id: int, now: datetime | None = None
) -> DistrictCohortHealth | None:
    """One cohort of ``district_health`` with its charts (for their CSV), without its people's flags (its ``people``
    are not read): None when none of the district's people is registered in it or it has ended. The queries of
    ``figures_of_cohorts`` and one more."""
    now = now or timezone.now()
    shown, rows = _district_registrations(district, now, cohort_id)
    _draw_charts(shown, rows, now)
    return next(iter(shown.values()), None)
