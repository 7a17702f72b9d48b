"""What coursework adds to a participant's My courses page and their home's to-do."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, DateTimeField, Min, OuterRef, Subquery, When
from django.urls import reverse
from django.utils import timezone

from cohorts.registration.models import Enrollment
from cohorts.registration.selectors import course_default, reviewable_cohorts
from modules.outline import per_request, program_outlines
from pd_platform import homes, navigation
from pd_platform.accounts import roles
from pd_platform.homes import CourseExtras, CourseLink, Todo

from . import selectors
from .discussions import unanswered_posts
from .models import Review, Submission
from .progress import compute_progress
from .standing import long_date, next_step, status_word


def progress_links(user, rows):
    """ "Your progress" beside every course that is open. No query."""
    return CourseExtras(
        links={
            row.enrollment.pk: [CourseLink("Your progress", reverse("coursework:progress", args=[row.enrollment.pk]))]
            for row in rows
            if row.course_open
        }
    )


def _standings(rows):
    """For each open course's enrollment: its outline, submissions by activity, follow-ups, and the
    sessions' dates. The outlines from the cache, one query for the submissions (each needing a
    revision with the date of its latest review), and one for the sessions' dates (shared with the
    workshops' to-dos); read once per request, however many parts of the home ask."""
    enrollments = [row.enrollment for row in rows if row.course_open]
    cohort_ids = {row.enrollment.cohort_id for row in rows}
    return per_request(
        ("coursework:standings", tuple(e.pk for e in enrollments)), lambda: _read_standings(enrollments, cohort_ids)
    )


def _read_standings(enrollments, cohort_ids):
    outlines = program_outlines({e.cohort.program_id for e in enrollments})
    submissions, follow_ups = {}, {}
    if enrollments:
        latest_review = (
            Review.objects.filter(revision__submission=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
        )
        for s in (
            Submission.objects.filter(enrollment__in=enrollments)
            .select_related("activity", "follow_up")
            .annotate(
                reviewed_at=Case(
                    When(status=Submission.Status.NEEDS_REVISION, then=Subquery(latest_review)),
                    output_field=DateTimeField(),
                )
            )
        ):
            if s.follow_up_id:
                follow_ups.setdefault(s.enrollment_id, []).append(s)
            else:
                submissions[(s.enrollment_id, s.activity_id)] = s
    # Every course's cohort, open or not, attended at sessions or not: the workshops' next sessions read the same rows.
    sessions = homes.session_dates(cohort_ids) if enrollments else {}
    return enrollments, outlines, submissions, follow_ups, sessions


def _standing(enrollment, outline, submissions, follow_ups, sessions):
    """(the person's items in course order, their Progress) for one enrollment."""
    status_of = {activity_id: s.status for (eid, activity_id), s in submissions.items() if eid == enrollment.pk}
    items = selectors.standing_items(enrollment, outline, status_of, sessions)
    statuses = [i.status for i in items] + [
        s.status for s in follow_ups.get(enrollment.pk, []) if s.follow_up.counts_toward_completion
    ]
    return items, compute_progress(statuses, outline.threshold)


def progress_on_home(rows):
    """enrollment id -> its Progress, for each open course of the home's rows: what
    ``selectors.progress_of_enrollments`` says, from the submissions the home read already (no query)."""
    enrollments, outlines, submissions, follow_ups, sessions = _standings(rows)
    result = {}
    for enrollment in enrollments:
        outline = outlines.get(enrollment.cohort.program_id)
        if outline is None:
            counted = [s.status for s in follow_ups.get(enrollment.pk, []) if s.follow_up.counts_toward_completion]
            result[enrollment.pk] = compute_progress(counted, course_default("completion_threshold"))
            continue
        result[enrollment.pk] = _standing(enrollment, outline, submissions, follow_ups, sessions)[1]
    return result


def next_step_todo(enrollment, step):
    """The one way a next step is said, on the home and on My courses."""
    if step is None:
        return None
    item = step.item
    if step.kind == "wait":
        return Todo(
            "next",
            "Next",
            "nothing to do for now: your work is with your facilitator for feedback",
            reverse("coursework:progress", args=[enrollment.pk]),
            "Your progress",
            order=20,
        )
    page = item.activity.page
    if step.kind == "attend":
        return Todo("next", "Next", f"on {long_date(item.due)}", page.url, page.title, order=20)
    url = reverse("coursework:activity", args=[enrollment.pk, item.activity.key])
    if step.kind == "revise":
        return Todo("next", "Next", f"revise and resubmit (in {page.title})", url, item.activity.title, order=20)
    return Todo("next", "Next", f"in {page.title}", url, item.activity.title, order=20)


def next_steps(user, rows):
    """For My courses: enrollment id -> its next step as a Todo, for each open course whose requirement
    is not met yet (what a graduate does next is said by certificates)."""
    enrollments, outlines, submissions, follow_ups, sessions = _standings(rows)
    result = {}
    for enrollment in enrollments:
        outline = outlines.get(enrollment.cohort.program_id)
        if outline is None:
            continue
        items, progress = _standing(enrollment, outline, submissions, follow_ups, sessions)
        if progress.met:  # the certificate's provider answers first once it is awarded
            result[enrollment.pk] = Todo(
                "next",
                "Next",
                "you have met the completion requirement: your certificate follows",
                reverse("coursework:progress", args=[enrollment.pk]),
                "Your progress",
            )
            continue
        todo = next_step_todo(enrollment, next_step(items, selectors.cohort_today(enrollment.cohort), progress.met))
        if todo is not None:
            result[enrollment.pk] = todo
    return result


def participant_todos(user, rows):
    """For each open course: feedback waiting for a revision, the first thing not done (the rule of
    ``standing.next_step``), the course's end while the requirement is not met, and progress toward the
    certificate. Two queries for any number of courses, shared with the rest of the home: the submissions
    (with their latest review's date) and the sessions' dates."""
    enrollments, outlines, submissions, follow_ups, sessions = _standings(rows)
    if not enrollments:
        return {}
    reviewed = {s.pk: s.reviewed_at for s in submissions.values() if s.reviewed_at is not None}
    result = {}
    for enrollment in enrollments:
        outline = outlines.get(enrollment.cohort.program_id)
        if outline is None:
            continue
        todos = []
        mine = [s for (eid, _), s in submissions.items() if eid == enrollment.pk] + follow_ups.get(enrollment.pk, [])
        for submission in sorted((s for s in mine if s.pk in reviewed), key=lambda s: reviewed[s.pk]):
            when = timezone.localtime(reviewed[submission.pk])
            todos.append(
                Todo(
                    "feedback",
                    "Feedback waiting",
                    f"revise and resubmit (feedback of {when:%B} {when.day})",
                    submission.participant_url(),
                    submission.title,
                    order=10,
                )
            )
        today = selectors.cohort_today(enrollment.cohort)
        for submission in follow_ups.get(enrollment.pk, []):
            if submission.status == Submission.Status.MISSING:
                due = submission.follow_up.due_on
                word = status_word(submission.status, today, due)  # "Due Jan 6", "Overdue (was due ...)"
                todos.append(
                    Todo(
                        "follow-up",
                        "Follow-up assignment",
                        word.text[0].lower() + word.text[1:] if due else "from your facilitator",
                        submission.participant_url(),
                        submission.title,
                        order=15,
                    )
                )
        items, progress = _standing(enrollment, outline, submissions, follow_ups, sessions)
        step = next_step(items, today, progress.met)
        # Work to revise is already the "Feedback waiting" above: it is not said twice.
        if step is not None and step.kind != "revise":
            todos.append(next_step_todo(enrollment, step))
        if not progress.met:
            end = enrollment.cohort.end_date
            todos.append(Todo("deadline", "Next deadline", f"finish by {long_date(end)}, {end.year}", order=40))
        todos.append(
            Todo(
                "progress",
                "Progress",
                str(progress),
                reverse("coursework:progress", args=[enrollment.pk]),
                "",
                order=60,
            )
        )
        result[enrollment.pk] = todos
    return result


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


# Registered here, where they are defined; pd_platform.registries imports this module once.
navigation.register("Review queue", "coursework:review_queue", {roles.FACILITATOR, roles.ADMIN}, order=30)
homes.register(
    "facilitation", "coursework/home/facilitation.html", {roles.FACILITATOR}, order=40, context=facilitator_home
)
homes.register(
    "feedback-turnaround",
    "coursework/home/turnaround.html",
    {roles.FACILITATOR},
    order=45,
    context=selectors.facilitator_turnaround,
)
homes.register_course_links(progress_links, order=10)
homes.register_todos(participant_todos, order=10)
homes.register_next_steps(next_steps, order=20)
