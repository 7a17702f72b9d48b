"""Submitting, reviewing and discussing: the revise-and-resubmit cycle, one transaction each.

Nothing a participant submitted is ever overwritten: every submission adds a Revision,
every rating adds a Review (both append-only).
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import course_access_open, may_facilitate, may_use_course
from modules.models import Activity, ActivityKind, ModulePage
from pd_platform import faults, follow_ups, outbox
from pd_platform.accounts.models import User
from pd_platform.sanitize import plain_text, render_user_text

from . import passages
from .models import Attachment, DiscussionPost, Review, Revision, Submission
from .rules import module_open_for_submissions
from .selectors import welcome_complete
from .uploads import Checked, checked_uploads


class CourseworkError(Exception):
    """The action was refused; the message tells the person why."""


def activity_in_program(activity: Activity, program_id: int) -> bool:
    program = activity.page.get_parent() if activity.page.depth > 3 else activity.page
    return program.pk == program_id


def why_not_open(enrollment: Enrollment, activity: Activity, now: datetime | None = None) -> str | None:
    """Why this participant cannot work on this activity now, or None if they can."""
    now = now or timezone.now()
    if not may_use_course(enrollment):
        return "Your registration is not active: check My courses."
    if not activity_in_program(activity, enrollment.cohort.program_id):
        return "This activity is not part of your course."
    if not course_access_open(enrollment.cohort, now):
        return "Course access has not opened yet."
    page = activity.page.specific
    if isinstance(page, ModulePage) and not module_open_for_submissions(page.number, welcome_complete(enrollment)):
        return "Complete the Welcome module first: modules 01–06 open for submissions once it is complete."
    return None


def _within_limit(source: str, limit: int, what: str) -> str:
    if len(source) > limit:
        raise CourseworkError(
            f"{what} is {len(source):,} characters long; the limit is {limit:,}. "
            "Shorten it, or attach the longer document as a file."
        )
    return source


def submission_for_update(enrollment: Enrollment, activity: Activity) -> Submission:
    """The enrollment's submission for the activity, made if missing, locked for this transaction."""
    submission, _ = Submission.objects.get_or_create(enrollment=enrollment, activity=activity)
    return Submission.objects.select_for_update().get(pk=submission.pk)


def save_draft(enrollment: Enrollment, activity: Activity, source: str, now: datetime | None = None) -> Submission:
    """Keep what the participant is typing, so a reload loses nothing."""
    now = now or timezone.now()
    source = _within_limit(plain_text(source), settings.SUBMISSION_MAX_CHARACTERS, "Your draft")
    with transaction.atomic():
        submission = submission_for_update(enrollment, activity)
        if submission.status == Submission.Status.COMPLETE:
            raise CourseworkError("This activity is complete: there is nothing more to draft.")
        submission.draft = source
        submission.draft_saved_at = now
        submission.save(update_fields=["draft", "draft_saved_at", "updated_at"])
    return submission


def submit_revision(
    enrollment: Enrollment,
    activity: Activity,
    source: str,
    uploads: Sequence[UploadedFile] = (),
    now: datetime | None = None,
) -> Revision:
    """Submit (or resubmit) work for review: a new revision, never an edit of an old one."""
    now = now or timezone.now()
    reason = why_not_open(enrollment, activity, now)
    if reason:
        raise CourseworkError(reason)
    if activity.kind in (ActivityKind.DISCUSSION, ActivityKind.ATTENDANCE):
        raise CourseworkError("This activity is not submitted as an assignment.")
    checked = checked_work(source, uploads)
    with transaction.atomic():
        revision = add_revision(submission_for_update(enrollment, activity), *checked, now=now)
    return revision


def checked_work(source: str, uploads: Sequence[UploadedFile]) -> tuple[str, list[Checked]]:
    """Validate what a participant submits before anything is written: (source, checked uploads)."""
    source = _within_limit(plain_text(source).strip(), settings.SUBMISSION_MAX_CHARACTERS, "Your response")
    if not source and not uploads:
        raise CourseworkError("Write your response or attach a file before submitting.")
    try:
        return source, checked_uploads(uploads)
    except ValidationError as error:
        raise CourseworkError(error.messages[0]) from None


def add_revision(submission: Submission, source: str, checked: list[Checked], now: datetime) -> Revision:
    """A new revision of a submission locked by the caller's transaction (an activity's or a
    follow-up's): refused while the last one waits for feedback or once it is complete."""
    if submission.status == Submission.Status.COMPLETE:
        raise CourseworkError("This assignment is already complete.")
    if submission.status == Submission.Status.SUBMITTED:
        raise CourseworkError("Your last revision is waiting for feedback; you can revise once it is reviewed.")
    revision = Revision.objects.create(
        submission=submission,
        number=submission.revisions.count() + 1,
        source=source,
        body=render_user_text(source),
    )
    for upload, name, content_type, stored_name in checked:
        attachment = Attachment(revision=revision, name=name, content_type=content_type, size=upload.size)
        attachment.file.save(stored_name, upload, save=False)
        attachment.save()
    passages.place_comments_in(revision)  # each earlier comment follows its passage into the new text
    set_submission_status(submission, Submission.Status.SUBMITTED, submitted_at=now, draft="", draft_saved_at=None)
    outbox.enqueue("coursework.send_submission_receipt", revision.pk)
    return revision


def review_submission(
    submission: Submission,
    reviewer: User,
    rating: str,
    feedback_source: str,
    rubric: Iterable[object] = (),
    now: datetime | None = None,
    bank_uses: Iterable[int | str] = (),
) -> Review:
    """Rate the latest revision complete or needs revision, with dated feedback. ``bank_uses``: ids
    of the program's banked comments inserted into it, each counted once."""
    if not may_facilitate(reviewer, submission.enrollment.cohort):
        raise CourseworkError("Only the cohort's facilitators and admins review its submissions.")
    if rating not in Review.Rating.values:
        raise CourseworkError("Choose a rating: complete or needs revision.")
    feedback_source = _within_limit(
        plain_text(feedback_source).strip(), settings.SUBMISSION_MAX_CHARACTERS, "The feedback"
    )
    if not feedback_source:
        raise CourseworkError("Write feedback: it is what the participant revises from.")
    with transaction.atomic():
        faults.exit_after_commit("review")  # only where a reliability test sets PD_FAULT_EXIT_AFTER_COMMIT
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        revision = submission.revisions.order_by("-number").first()
        if revision is None:
            raise CourseworkError("There is nothing to review yet.")
        review = Review.objects.create(
            revision=revision,
            reviewer=reviewer,
            rating=rating,
            feedback=render_user_text(feedback_source),
            rubric=list(rubric),
        )
        set_submission_status(submission, rating)
        passages.count_bank_uses(submission.enrollment.cohort.program_id, bank_uses)
        outbox.enqueue("coursework.send_feedback_notice", review.pk)
    return review


def set_submission_status(submission: Submission, status: str, **fields: object) -> Submission:
    """The one writer of a submission's status (a review, a participation rule, attendance).

    Call it inside the transaction that holds ``submission`` (locked with
    ``select_for_update`` where two requests could race). ``fields`` are other columns
    saved in the same write. When the status really changed, what follows it in the rooms
    above (hours, LMS progress, the certificate) is owed in this same transaction, as outbox
    tasks (``pd_platform.follow_ups``): committed with the change, never lost after it, and
    none of them can fail the change.
    """
    if status not in Submission.Status.values:
        raise ValueError(f"{status!r} is not a submission status.")
    previous = submission.status
    submission.status = status
    for name, value in fields.items():
        setattr(submission, name, value)
    submission.save(update_fields=["status", *fields, "updated_at"])
    if previous != status:
        follow_ups.owe(follow_ups.SUBMISSION_STATUS_CHANGED, submission.pk, previous, status)
    return submission


# Discussions


def post_to_discussion(
    enrollment: Enrollment,
    activity: Activity,
    source: str,
    parent: DiscussionPost | None = None,
    now: datetime | None = None,
    form_token: str = "",
) -> DiscussionPost:
    """A post or reply; it counts as a revision of the participant's participation.

    With the posting form's one-time ``form_token``, the same form sent twice (a
    double-click, a resent request) posts once: the database refuses a second post of the
    token (a unique constraint), and the first is returned.
    """
    now = now or timezone.now()
    earlier = _posted_from(enrollment.user, form_token)
    if earlier is not None:
        return earlier
    reason = why_not_open(enrollment, activity, now)
    if reason:
        raise CourseworkError(reason)
    if activity.kind != ActivityKind.DISCUSSION:
        raise CourseworkError("This activity is not a discussion.")
    source = _post_source(source)
    _check_parent(parent, enrollment.cohort, activity)
    return _once_per_form(
        enrollment.user, form_token, lambda: _create_post(enrollment, activity, source, parent, now, form_token)
    )


def post_as_facilitator(
    user: User,
    cohort: Cohort,
    activity: Activity,
    source: str,
    parent: DiscussionPost | None = None,
    form_token: str = "",
) -> DiscussionPost:
    """A facilitator's (or an admin's) post or reply in a cohort's discussion, marked as theirs.

    It counts toward nobody's participation. A reply makes the thread answered (``selectors.
    unanswered_posts``) and its author is told once (the ``discussion_reply`` reminder kind).
    The same form sent twice posts once, as for participants.
    """
    earlier = _posted_from(user, form_token)
    if earlier is not None:
        return earlier
    if not may_facilitate(user, cohort):
        raise CourseworkError("Only the cohort's facilitators and admins post here as facilitators.")
    if activity.kind != ActivityKind.DISCUSSION or not activity_in_program(activity, cohort.program_id):
        raise CourseworkError("This activity is not a discussion of the cohort's course.")
    source = _post_source(source)
    _check_parent(parent, cohort, activity)
    label = posted_as(user, cohort)

    def create() -> DiscussionPost:
        with transaction.atomic():
            return DiscussionPost.objects.create(
                cohort=cohort,
                activity=activity,
                author=user,
                parent=parent.parent or parent if parent else None,
                source=source,
                body=render_user_text(source),
                posted_as=label,
                form_token=form_token,
            )

    return _once_per_form(user, form_token, create)


def posted_as(user: User, cohort: Cohort) -> str:
    """How a post of this facilitator or admin is marked in the cohort's discussion."""
    if cohort.facilitators.filter(pk=user.pk).exists():
        return DiscussionPost.PostedAs.FACILITATOR
    return DiscussionPost.PostedAs.OFFICE


def _posted_from(user: User, form_token: str) -> DiscussionPost | None:
    """The post already made from this form, if it was sent before."""
    if not form_token:
        return None
    return DiscussionPost.objects.filter(author=user, form_token=form_token).first()


def _post_source(source: str) -> str:
    source = _within_limit(plain_text(source).strip(), settings.DISCUSSION_POST_MAX_CHARACTERS, "Your post")
    if not source:
        raise CourseworkError("Write something before posting.")
    return source


def _check_parent(parent: DiscussionPost | None, cohort: Cohort, activity: Activity) -> None:
    if parent is not None and (parent.cohort_id != cohort.pk or parent.activity_id != activity.pk):
        raise CourseworkError("You can only reply to posts in this discussion.")


def _once_per_form(user: User, form_token: str, create: Callable[[], DiscussionPost]) -> DiscussionPost:
    """Create the post; when a second sending of the same form raced this one, the first post."""
    try:
        return create()
    except IntegrityError:
        earlier = _posted_from(user, form_token)
        if earlier is None:
            raise
        return earlier


def _create_post(
    enrollment: Enrollment,
    activity: Activity,
    source: str,
    parent: DiscussionPost | None,
    now: datetime,
    form_token: str,
) -> DiscussionPost:
    with transaction.atomic():
        post = DiscussionPost.objects.create(
            cohort=enrollment.cohort,
            activity=activity,
            author=enrollment.user,
            parent=parent.parent or parent if parent else None,
            source=source,
            body=render_user_text(source),
            form_token=form_token,
        )
        submission = submission_for_update(enrollment, activity)
        revision = Revision.objects.create(
            submission=submission,
            number=submission.revisions.count() + 1,
            source=source,
            body=post.body,
        )
        if submission.status != Submission.Status.COMPLETE:
            submission.submitted_at = now
            submission.save(update_fields=["submitted_at", "updated_at"])
            if participation_rule_met(enrollment, activity):
                Review.objects.create(
                    revision=revision,
                    reviewer=None,
                    rating=Review.Rating.COMPLETE,
                    feedback=f"<p>Participation complete: at least one post and {activity.replies_to_complete} "
                    f"repl{'y' if activity.replies_to_complete == 1 else 'ies'}.</p>",
                )
                set_submission_status(submission, Submission.Status.COMPLETE)
            elif (
                submission.status == Submission.Status.MISSING or submission.status == Submission.Status.NEEDS_REVISION
            ):
                set_submission_status(submission, Submission.Status.SUBMITTED)
    return post


def participation_rule_met(enrollment: Enrollment, activity: Activity) -> bool:
    if activity.replies_to_complete is None:
        return False
    mine = DiscussionPost.objects.filter(
        cohort=enrollment.cohort, activity=activity, author=enrollment.user, hidden_at__isnull=True
    )
    # Replies to colleagues, as the discussion page says: an answer in one's own thread is not one.
    to_colleagues = mine.filter(parent__isnull=False).exclude(parent__author=enrollment.user)
    return mine.filter(parent__isnull=True).exists() and to_colleagues.count() >= activity.replies_to_complete


def edit_post(post: DiscussionPost, user: User, source: str, now: datetime | None = None) -> DiscussionPost:
    now = now or timezone.now()
    if post.author_id != user.pk:
        raise CourseworkError("You can only edit your own posts.")
    if now - post.created_at > timedelta(minutes=settings.DISCUSSION_EDIT_MINUTES):
        raise CourseworkError(f"Posts can be edited for {settings.DISCUSSION_EDIT_MINUTES} minutes after posting.")
    source = _within_limit(plain_text(source).strip(), settings.DISCUSSION_POST_MAX_CHARACTERS, "Your post")
    if not source:
        raise CourseworkError("A post cannot be empty.")
    post.source = source
    post.body = render_user_text(source)
    post.edited_at = now
    post.save(update_fields=["source", "body", "edited_at"])
    return post


def hide_post(post: DiscussionPost, by: User, now: datetime | None = None) -> DiscussionPost:
    """Facilitators hide a post from the discussion; it is kept, with who hid it and when."""
    if not may_facilitate(by, post.cohort):
        raise CourseworkError("Only the cohort's facilitators and admins moderate its discussions.")
    post.hidden_at = now or timezone.now()
    post.hidden_by = by
    post.save(update_fields=["hidden_at", "hidden_by"])
    return post


def feedback_to_act_on(submission: Submission | None, history: Sequence[object]) -> bool:
    """Work that needs revision shows its newest revision, with the feedback to act on, before the form."""
    return bool(history) and submission is not None and submission.status == Submission.Status.NEEDS_REVISION
