"""Follow-up assignments: a facilitator gives one participant or a group a customized task
(after the modules, or on a check-in's answer), which then goes through the same
revise-and-resubmit loop as any activity: revisions, reviews, feedback e-mails.

One writer each: ``do_assign_follow_up`` (the assignment and a Submission for each person it
is given to) and ``do_submit_follow_up`` (a revision). A follow-up counts toward the
completion rule only when the facilitator ticked "counts toward completion".
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from cohorts.registration.models import Enrollment
from cohorts.registration.selectors import may_facilitate, may_use_course
from pd_platform import outbox
from pd_platform.sanitize import render_user_text, required_text

from .models import FollowUp, Submission
from .services import CourseworkError, add_revision, checked_work

TITLE_MAX = FollowUp._meta.get_field("title").max_length


def _checked_assignment(by, cohort, enrollment_ids, title, prompt_source, due_on, based_on, today):
    """Validate before anything is written; returns (title, prompt, the enrollments)."""
    if not may_facilitate(by, cohort):
        raise CourseworkError("Only the cohort's facilitators and admins give its follow-up assignments.")
    title = required_text(
        title,
        TITLE_MAX,
        CourseworkError,
        empty="Give the assignment a title.",
        too_long="The title is {length} characters long; keep it to {limit}.",
    )
    prompt_source = required_text(
        prompt_source,
        settings.SUBMISSION_MAX_CHARACTERS,
        CourseworkError,
        empty="Write what you are asking for: the prompt is what the participant works from.",
        too_long="The prompt is {length:,} characters long; the limit is {limit:,}.",
    )
    if due_on is not None and due_on < today:
        raise CourseworkError("The due date has passed: choose today or a later day.")
    enrollments = list(
        Enrollment.objects.filter(
            pk__in=set(enrollment_ids), cohort=cohort, status=Enrollment.Status.REGISTERED
        ).select_related("user")
    )
    if not enrollments or len(enrollments) != len(set(enrollment_ids)):
        raise CourseworkError("Choose who gets it: one or more participants registered in this cohort.")
    if based_on is not None and based_on.enrollment.cohort_id != cohort.pk:
        raise CourseworkError("A follow-up can only build on a submission from this cohort.")
    return title, prompt_source, enrollments


def do_assign_follow_up(
    by, cohort, enrollment_ids, title, prompt_source, due_on=None, counts_toward_completion=False, based_on=None
):
    """Give a follow-up assignment to these participants of ``cohort``: one FollowUp, a
    Submission (missing) for each of them, and an e-mail each, sent once, after the commit."""
    today = timezone.localdate()
    title, prompt_source, enrollments = _checked_assignment(
        by, cohort, enrollment_ids, title, prompt_source, due_on, based_on, today
    )
    with transaction.atomic():
        follow_up = FollowUp.objects.create(
            cohort=cohort,
            title=title,
            prompt_source=prompt_source,
            prompt=render_user_text(prompt_source),
            due_on=due_on,
            counts_toward_completion=counts_toward_completion,
            based_on=based_on,
            created_by=by,
        )
        submissions = Submission.objects.bulk_create(
            [Submission(enrollment=enrollment, follow_up=follow_up) for enrollment in enrollments]
        )
        for submission in submissions:
            outbox.enqueue("coursework.send_follow_up_notice", submission.pk)
    return follow_up


def do_submit_follow_up(submission, source, uploads=(), now=None):
    """A revision of a participant's follow-up assignment (the caller checked that it is theirs)."""
    now = now or timezone.now()
    if submission.follow_up_id is None:
        raise CourseworkError("This is not a follow-up assignment.")
    if not may_use_course(submission.enrollment):
        raise CourseworkError("Your registration is not active: check My courses.")
    checked = checked_work(source, uploads)
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        return add_revision(locked, *checked, now=now)


# Reads


def follow_up_of(user, enrollment_id, follow_up_id):
    """The person's own submission of a follow-up given to them, or None (never another's)."""
    return (
        Submission.objects.filter(enrollment_id=enrollment_id, enrollment__user=user, follow_up_id=follow_up_id)
        .select_related("follow_up", "enrollment__cohort__program", "enrollment__user")
        .first()
    )


def cohort_follow_ups(cohort):
    """A cohort's follow-up assignments, newest first, each with how many people have it in
    each status (one query however many there are)."""
    status = Submission.Status
    return list(
        FollowUp.objects.filter(cohort=cohort)
        .select_related("created_by")
        .annotate(
            given_to=Count("submissions"),
            waiting=Count("submissions", filter=Q(submissions__status=status.SUBMITTED)),
            to_revise=Count("submissions", filter=Q(submissions__status=status.NEEDS_REVISION)),
            complete=Count("submissions", filter=Q(submissions__status=status.COMPLETE)),
        )
        .order_by("-created_at", "-pk")
    )


def submission_in_cohort(cohort, submission_id):
    """A submission of this cohort a follow-up may build on, or None."""
    if not submission_id:
        return None
    return (
        Submission.objects.filter(pk=submission_id, enrollment__cohort=cohort)
        .select_related("activity", "follow_up", "enrollment__user")
        .first()
    )


def assignable_enrollments(cohort):
    """Who a follow-up can be given to: the cohort's registered participants, by name."""
    return (
        Enrollment.objects.filter(cohort=cohort, status=Enrollment.Status.REGISTERED)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
