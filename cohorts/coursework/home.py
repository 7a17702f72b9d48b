"""What coursework adds to a participant's My courses page and their home's to-do."""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import timezone

from cohorts.registration.models import Enrollment
from cohorts.registration.selectors import reviewable_cohorts
from modules.materials import materials_of
from modules.models import ActivityKind
from modules.outline import program_outlines
from pd_platform.homes import CourseExtras, CourseLink, Todo

from .discussions import unanswered_posts
from .materials import MATERIAL_PAGE_TYPES
from .models import MaterialMark, Review, Submission
from .progress import compute_progress


def progress_links(user, rows):
    """ "Your progress" beside every course that is open. No query."""
    return CourseExtras(
        links={
            row.enrollment.pk: [CourseLink("Your progress", reverse("coursework:progress", args=[row.enrollment.pk]))]
            for row in rows
            if row.course_open
        }
    )


def _review_dates(submission_ids):
    """submission id -> when its latest review was given (one query)."""
    return dict(
        Review.objects.filter(revision__submission_id__in=submission_ids)
        .values("revision__submission_id")
        .annotate(last=Max("created_at"))
        .values_list("revision__submission_id", "last")
    )


def participant_todos(user, rows):
    """For each open course: feedback waiting for a revision, the next unfinished material or
    activity, and progress toward the certificate. A fixed number of queries for any number
    of courses: the programs' pages and activities, the submissions, reviews and marks."""
    rows = [row for row in rows if row.course_open]
    if not rows:
        return {}
    enrollments = [row.enrollment for row in rows]
    outlines = program_outlines({e.cohort.program_id for e in enrollments})
    submissions = {}
    follow_ups = {}
    for s in Submission.objects.filter(enrollment__in=enrollments).select_related("activity", "follow_up"):
        if s.follow_up_id:
            follow_ups.setdefault(s.enrollment_id, []).append(s)
        else:
            submissions[(s.enrollment_id, s.activity_id)] = s
    reviewed = _review_dates([s.pk for s in submissions.values() if s.status == Submission.Status.NEEDS_REVISION])
    marks = {}
    for enrollment_id, page_id, block_id in MaterialMark.objects.filter(enrollment__in=enrollments).values_list(
        "enrollment_id", "page_id", "block_id"
    ):
        marks.setdefault(enrollment_id, set()).add((page_id, block_id))
    result = {}
    for enrollment in enrollments:
        outline = outlines.get(enrollment.cohort.program_id)
        if outline is None:
            continue
        items = []
        mine = [s for (eid, _), s in submissions.items() if eid == enrollment.pk] + follow_ups.get(enrollment.pk, [])
        for submission in sorted((s for s in mine if s.pk in reviewed), key=lambda s: reviewed[s.pk]):
            when = timezone.localtime(reviewed[submission.pk])
            items.append(
                Todo(
                    "feedback",
                    "Feedback waiting",
                    f"revise and resubmit (feedback of {when:%B} {when.day})",
                    submission.participant_url(),
                    submission.title,
                    order=10,
                )
            )
        for submission in follow_ups.get(enrollment.pk, []):
            if submission.status == Submission.Status.MISSING:
                due = submission.follow_up.due_on
                items.append(
                    Todo(
                        "follow-up",
                        "Follow-up assignment",
                        f"due {due:%B} {due.day}" if due else "from your facilitator",
                        submission.participant_url(),
                        submission.title,
                        order=15,
                    )
                )
        pages = [p for p in outline.children() if isinstance(p, MATERIAL_PAGE_TYPES)]
        activities = [a for a in outline.required if a.kind != ActivityKind.ATTENDANCE]
        step = _next_step(enrollment, pages, activities, submissions, marks.get(enrollment.pk, set()))
        if step is not None:
            items.append(step)
        statuses = [
            getattr(submissions.get((enrollment.pk, activity_id)), "status", Submission.Status.MISSING)
            for activity_id in (a.pk for a in outline.required)
        ] + [s.status for s in follow_ups.get(enrollment.pk, []) if s.follow_up.counts_toward_completion]
        progress = compute_progress(statuses, outline.threshold)
        text = f"{progress.complete} of {progress.required} submissions complete; {progress.needed} needed"
        if progress.met:
            text += ": you have met the completion requirement"
        items.append(
            Todo("progress", "Progress", text, reverse("coursework:progress", args=[enrollment.pk]), "", order=60)
        )
        result[enrollment.pk] = items
    return result


def _next_step(enrollment, pages, activities, submissions, marked):
    """The first page, in course order, with a material not yet marked or a required activity
    not yet submitted; its first such item."""
    for page in pages:
        for item in materials_of(page.body):
            if item.markable and (page.pk, item.id) not in marked:
                return Todo("next", "Next", f"in {page.title}", f"{page.url}#m-{item.id}", item.title, order=20)
        for activity in (a for a in activities if a.page_id == page.pk):
            submission = submissions.get((enrollment.pk, activity.pk))
            if submission is None or submission.status == Submission.Status.MISSING:
                return Todo(
                    "next",
                    "Next",
                    f"in {page.title}",
                    reverse("coursework:activity", args=[enrollment.pk, activity.key]),
                    activity.title,
                    order=20,
                )
    return None


@dataclass
class CohortDesk:
    cohort: object
    waiting: int = 0
    oldest: object = None  # when the longest-waiting submission came in
    unanswered: list = field(default_factory=list)  # [(activity key, title, count, page title if the title repeats)]

    @property
    def oldest_days(self):
        return (timezone.now() - self.oldest).days if self.oldest else None


def facilitator_home(user):
    """Per cohort the person facilitates: submissions waiting and the age of the oldest, and
    discussion posts waiting for a reply (``discussions.unanswered_posts``). Three queries,
    however many cohorts and posts."""
    cohorts = list(reviewable_cohorts(user).select_related("program").order_by("-start_date", "name"))
    desks = {cohort.pk: CohortDesk(cohort) for cohort in cohorts}
    for cohort_id, waiting, oldest in (
        Submission.objects.filter(enrollment__cohort_id__in=desks, status=Submission.Status.SUBMITTED)
        .exclude(enrollment__status=Enrollment.Status.CANCELLED)
        .values("enrollment__cohort_id")
        .annotate(waiting=Count("id"), oldest=Min("submitted_at"))
        .values_list("enrollment__cohort_id", "waiting", "oldest")
    ):
        desks[cohort_id].waiting, desks[cohort_id].oldest = waiting, oldest
    for cohort_id, key, title, place, count in (
        unanswered_posts(desks)
        .values("cohort_id", "activity__key", "activity__title", "activity__page__title")
        .annotate(count=Count("id"))
        .order_by("cohort_id", "activity__key")
        .values_list("cohort_id", "activity__key", "activity__title", "activity__page__title", "count")
    ):
        desks[cohort_id].unanswered.append((key, title, count, place))
    for desk in desks.values():  # two modules' "Golden Lines": each says which module it is in
        titles = [title for _, title, _, _ in desk.unanswered]
        desk.unanswered = [
            (key, title, count, place if titles.count(title) > 1 else "")
            for key, title, count, place in desk.unanswered
        ]
    return {"desks": list(desks.values())}
