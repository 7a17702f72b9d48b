"""Reminders about the work: pacing, revisions waiting, close to the certificate, and the
facilitator's daily digest. Each finder reads the state of the work in a fixed number of
queries and finds nothing once the reason is gone (see ``pd_platform.reminders``)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.urls import reverse

from cohorts.registration.deadlines import business_days_between
from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import closed_days_between, listings, may_use_course_q
from modules.models import Activity
from pd_platform import reminders
from pd_platform.accounts import roles

from .models import DiscussionPost, MaterialMark, Review, Revision, Submission
from .progress import Progress
from .selectors import course_thresholds, required_activity_ids

Status = Submission.Status
DIGEST_SHOWS = 20  # submissions listed in a digest; the rest are counted


def _url(name, *args):
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _local_date(moment, time_zone):
    return moment.astimezone(ZoneInfo(time_zone)).date()


def _closed_days(now):
    return closed_days_between(now.date() - timedelta(days=400), now.date() + timedelta(days=1))


@dataclass
class Standing:
    """Where one participant stands: what is required, what is done, what they can act on."""

    enrollment: Enrollment
    required: int
    complete: int
    started: int  # required activities with anything sent
    to_revise: int
    threshold: object
    workshops_ahead: int = 0  # required workshops not attended yet: the facilitator records them, not the person

    @property
    def progress(self):
        return Progress(self.required, self.complete, Decimal(str(self.threshold)))

    @property
    def own_not_started(self):
        """Required work not started that the person can start now (not a workshop still to come)."""
        return self.required - self.started - self.workshops_ahead


def open_standings(now):
    """Participants of cohorts whose course is open now (access opened, not ended), with their
    counts over what the completion rule counts (required activities, and follow-ups that count).
    Five queries, however many there are."""
    cohorts = [
        item.cohort
        for item in listings(
            Cohort.objects.filter(start_date__lte=now.date() + timedelta(days=7), end_date__gte=now.date())
        )
        if item.deadlines.access_open(now)
    ]
    if not cohorts:
        return []
    programs = {cohort.program_id: cohort.program for cohort in cohorts}
    required = required_activity_ids(programs.values())
    thresholds = course_thresholds(list(programs))
    all_required = [activity_id for ids in required.values() for activity_id in ids]
    workshops = set(Activity.objects.filter(pk__in=all_required, kind="attendance").values_list("pk", flat=True))
    # What the completion rule counts: the required activities and the follow-ups that count.
    counted = Q(submissions__activity__in=all_required) | Q(submissions__follow_up__counts_toward_completion=True)
    enrollments = (
        Enrollment.objects.filter(may_use_course_q(), cohort__in=cohorts)
        .select_related("user", "cohort__program")
        .annotate(
            complete=Count("submissions", filter=counted & Q(submissions__status=Status.COMPLETE)),
            counted_follow_ups=Count("submissions", filter=Q(submissions__follow_up__counts_toward_completion=True)),
            started=Count(
                "submissions",
                filter=Q(submissions__activity__in=all_required) & ~Q(submissions__status=Status.MISSING),
            ),
            workshops_attended=Count(
                "submissions",
                filter=Q(submissions__activity__in=workshops) & ~Q(submissions__status=Status.MISSING),
            ),
            last_submitted=Max("submissions__submitted_at"),
            to_revise=Count(
                "submissions",
                filter=Q(submissions__activity__in=all_required, submissions__status=Status.NEEDS_REVISION),
            ),
        )
        .order_by("pk")
    )
    return [
        Standing(
            enrollment=e,
            required=len(required[e.cohort.program_id]) + e.counted_follow_ups,
            complete=e.complete,
            started=e.started,
            to_revise=e.to_revise,
            threshold=thresholds.get(e.cohort.program_id, 0),
            workshops_ahead=len(workshops.intersection(required[e.cohort.program_id])) - e.workshops_attended,
        )
        for e in enrollments
        if required[e.cohort.program_id]
    ]


def _last_progress(enrollments):
    """enrollment id -> when they last did something: a revision, a post, a material marked, a
    submission (attendance included)."""
    ids = [e.pk for e in enrollments]
    latest = defaultdict(list)
    for queryset, group, moment in [
        (Revision.objects.filter(submission__enrollment__in=ids), "submission__enrollment", "created_at"),
        (MaterialMark.objects.filter(enrollment__in=ids), "enrollment", "marked_at"),
    ]:
        for enrollment_id, when in queryset.values(group).annotate(last=Max(moment)).values_list(group, "last"):
            latest[enrollment_id].append(when)
    by_person = {(e.user_id, e.cohort_id): e.pk for e in enrollments}
    for user_id, cohort_id, when in (
        DiscussionPost.objects.filter(
            cohort__in={e.cohort_id for e in enrollments}, author__in={e.user_id for e in enrollments}
        )
        .values("author", "cohort")
        .annotate(last=Max("created_at"))
        .values_list("author", "cohort", "last")
    ):
        if (user_id, cohort_id) in by_person:
            latest[by_person[(user_id, cohort_id)]].append(when)
    for enrollment in enrollments:
        if enrollment.last_submitted:
            latest[enrollment.pk].append(enrollment.last_submitted)
    return {enrollment_id: max(whens) for enrollment_id, whens in latest.items()}


def pacing(now, rules):
    """Participants with required work not yet started that they can start (not only workshops still to
    come) and no progress for N business days (counted from their last revision, post or material, or from
    when they joined). Someone who never started is asked to start, not to pick up where they left off."""
    standings = [s for s in open_standings(now) if not s.progress.met and s.own_not_started > 0]
    if not standings:
        return
    last = _last_progress([s.enrollment for s in standings])
    closed = _closed_days(now)
    for standing in standings:
        enrollment = standing.enrollment
        cohort = enrollment.cohort
        since = last.get(enrollment.pk) or max(enrollment.created_at, _start(cohort))
        since_day = _local_date(since, cohort.time_zone)
        idle = business_days_between(since_day, _local_date(now, cohort.time_zone), closed)
        if idle < rules(cohort.program_id).pacing_idle_days:
            continue
        yield reminders.Due(
            kind="pacing",
            recipient=enrollment.user,
            object_key=f"enrollment:{enrollment.pk}",
            period=since_day.isoformat(),
            subject=(
                f"Pick up where you left off in {cohort.program.title}"
                if enrollment.pk in last
                else f"Take your first step in {cohort.program.title}"
            ),
            template="coursework/email/reminder_pacing.txt",
            context={
                "enrollment": enrollment,
                "cohort": cohort,
                "progress": standing.progress,
                "idle": idle,
                "since": since_day,
                "started": enrollment.pk in last,
                "url": _url("coursework:progress", enrollment.pk),
            },
            time_zone=cohort.time_zone,
            cohort_id=cohort.pk,
        )


def _start(cohort):
    return datetime.combine(cohort.start_date, time.min, tzinfo=ZoneInfo(cohort.time_zone))


def close_to_certificate(now, rules):
    """Participants a few complete submissions from the certificate, with something they can do
    about it (work not sent yet, or feedback asking for a revision). Once per distance."""
    for standing in open_standings(now):
        short = standing.progress.still_needed
        actionable = standing.own_not_started + standing.to_revise
        cohort = standing.enrollment.cohort
        if not 1 <= short <= rules(cohort.program_id).certificate_gap or actionable == 0:
            continue
        enrollment = standing.enrollment
        yield reminders.Due(
            kind="certificate",
            recipient=enrollment.user,
            object_key=f"enrollment:{enrollment.pk}",
            period=f"short-{short}",
            subject=(
                f"One more complete submission earns your {cohort.program.title} certificate"
                if short == 1
                else f"{short} more complete submissions earn your {cohort.program.title} certificate"
            ),
            template="coursework/email/reminder_certificate.txt",
            context={
                "enrollment": enrollment,
                "cohort": cohort,
                "progress": standing.progress,
                "short": short,
                "to_revise": standing.to_revise,
                "not_started": standing.own_not_started,
                "url": _url("coursework:progress", enrollment.pk),
            },
            time_zone=cohort.time_zone,
            cohort_id=cohort.pk,
        )


def revisions_waiting(now, rules):
    """Feedback asked for a revision N business days ago and none has come: once per review."""
    latest_review = Review.objects.filter(revision__submission=OuterRef("pk")).order_by("-created_at", "-pk")
    submissions = (
        Submission.objects.filter(status=Status.NEEDS_REVISION, enrollment__cohort__end_date__gte=now.date())
        .filter(enrollment__in=Enrollment.objects.filter(may_use_course_q()))
        .annotate(
            review_id=Subquery(latest_review.values("pk")[:1]),
            reviewed_at=Subquery(latest_review.values("created_at")[:1]),
        )
        .filter(reviewed_at__lte=now - timedelta(days=1))
        .select_related("activity", "follow_up", "enrollment__user", "enrollment__cohort__program")
        .order_by("pk")
    )
    closed = None
    for submission in submissions:
        closed = closed if closed is not None else _closed_days(now)
        enrollment = submission.enrollment
        cohort = enrollment.cohort
        waited = business_days_between(
            _local_date(submission.reviewed_at, cohort.time_zone), _local_date(now, cohort.time_zone), closed
        )
        if waited < rules(cohort.program_id).revision_waiting_days:
            continue
        yield reminders.Due(
            kind="revision",
            recipient=enrollment.user,
            object_key=f"submission:{submission.pk}",
            period=f"review:{submission.review_id}",
            subject=f"Your revision of {submission.title} is waiting",
            template="coursework/email/reminder_revision.txt",
            context={
                "enrollment": enrollment,
                "cohort": cohort,
                "submission": submission,
                "reviewed_on": _local_date(submission.reviewed_at, cohort.time_zone),
                "url": settings.SITE_URL.rstrip("/") + submission.participant_url(),
            },
            time_zone=cohort.time_zone,
            cohort_id=cohort.pk,
        )


def facilitator_digest(now, rules):
    """Each facilitator, once a day, the submissions in their cohorts waiting for feedback more
    than N business days, the oldest first. Nothing when nothing waits that long."""
    waiting = list(
        Submission.objects.filter(status=Status.SUBMITTED, submitted_at__lte=now - timedelta(days=1))
        .exclude(enrollment__status=Enrollment.Status.CANCELLED)
        .select_related("activity", "follow_up", "enrollment__user", "enrollment__cohort__program")
        .order_by("submitted_at", "pk")
    )
    if not waiting:
        return
    closed = _closed_days(now)
    overdue = defaultdict(list)  # cohort id -> submissions
    for submission in waiting:
        cohort = submission.enrollment.cohort
        waited = business_days_between(
            _local_date(submission.submitted_at, cohort.time_zone), _local_date(now, cohort.time_zone), closed
        )
        if waited >= rules(cohort.program_id).digest_waiting_days:
            submission.waited = waited
            overdue[cohort.pk].append(submission)
    if not overdue:
        return
    per_facilitator = defaultdict(list)
    zones = {}
    for link in Cohort.facilitators.through.objects.filter(cohort__in=list(overdue)).select_related("user", "cohort"):
        per_facilitator[link.user].extend(overdue[link.cohort_id])
        zones.setdefault(link.user.pk, link.cohort.time_zone)
    for facilitator, items in sorted(per_facilitator.items(), key=lambda pair: pair[0].pk):
        items.sort(key=lambda s: (s.submitted_at, s.pk))
        time_zone = zones[facilitator.pk]
        yield reminders.Due(
            kind="digest",
            recipient=facilitator,
            object_key=f"facilitator:{facilitator.pk}",
            period=_local_date(now, time_zone).isoformat(),
            subject=(
                "1 submission waiting for your feedback"
                if len(items) == 1
                else f"{len(items)} submissions waiting for your feedback"
            ),
            template="coursework/email/reminder_digest.txt",
            context={
                "items": [(s, _url("coursework:review", s.pk)) for s in items[:DIGEST_SHOWS]],
                "more": max(len(items) - DIGEST_SHOWS, 0),
                "queue_url": _url("coursework:review_queue"),
            },
            time_zone=time_zone,
        )


REPLY_NOTICE_DAYS = 7  # a reply older than this is not worth an e-mail any more (and bounds the search)


def discussion_replies(now, rules):
    """Someone else replied to a participant's discussion post: one e-mail per reply, to the
    post's author, while the reply and the post are shown and the reply is recent. Two queries,
    however many replies."""
    replies = list(
        DiscussionPost.objects.filter(
            parent__isnull=False,
            parent__posted_as=DiscussionPost.PostedAs.PARTICIPANT,
            hidden_at__isnull=True,
            parent__hidden_at__isnull=True,
            created_at__gte=now - timedelta(days=REPLY_NOTICE_DAYS),
            created_at__lte=now,
        )
        .exclude(author=F("parent__author"))
        .select_related("author", "parent__author", "cohort__program", "activity")
        .order_by("pk")
    )
    if not replies:
        return
    wanted = {(r.cohort_id, r.parent.author_id) for r in replies}
    enrollments = {
        (e.cohort_id, e.user_id): e
        for e in Enrollment.objects.filter(
            cohort_id__in={c for c, _ in wanted}, user_id__in={u for _, u in wanted}
        ).exclude(status=Enrollment.Status.CANCELLED)
    }
    for reply in replies:
        post, cohort = reply.parent, reply.cohort
        enrollment = enrollments.get((cohort.pk, post.author_id))
        if enrollment is None:
            continue  # its author left the cohort: nothing to go back to
        url = _url("coursework:activity", enrollment.pk, reply.activity.key)
        yield reminders.Due(
            kind="discussion_reply",
            recipient=post.author,
            object_key=f"post:{reply.pk}",
            period="reply",
            subject=f"{reply.author.full_name} replied to your post in {reply.activity.title}",
            template="coursework/email/discussion_reply.txt",
            context={
                "reply": reply,
                "post": post,
                "cohort": cohort,
                "activity": reply.activity,
                "url": f"{url}#post-{reply.pk}",
            },
            time_zone=cohort.time_zone,
            cohort_id=cohort.pk,
        )


# Registered here, where they are defined; pd_platform.registries imports this module once.
reminders.register(
    "pacing",
    "Keep going",
    "When you have had no progress in your course for several business days.",
    {roles.PARTICIPANT},
    pacing,
    order=30,
)
reminders.register(
    "revision",
    "A revision is waiting",
    "When feedback asked for a revision and you have not resubmitted after a few business days.",
    {roles.PARTICIPANT},
    revisions_waiting,
    order=40,
)
reminders.register(
    "certificate",
    "Close to your certificate",
    "When one or two more complete submissions would earn your certificate.",
    {roles.PARTICIPANT},
    close_to_certificate,
    order=60,
)
reminders.register(
    "digest",
    "Daily digest of work waiting for feedback",
    "Once a day, only when submissions in your cohorts have waited more than two business days.",
    {roles.FACILITATOR},
    facilitator_digest,
    order=80,
)
reminders.register(
    "discussion_reply",
    "Replies to your discussion posts",
    "When someone else replies to a post you wrote in a course discussion: one e-mail per reply.",
    {roles.PARTICIPANT},
    discussion_replies,
    order=50,
)
