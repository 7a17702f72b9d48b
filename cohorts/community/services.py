"""Writes of the community of practice, one transaction each, each validated before anything
changes: start a thread, post or reply, follow, share one's own work, report, and the
moderators' hide, restore and dismiss (each logged). Nothing is deleted: a hidden post is kept.

Who may do what is decided here, from ``selectors.member_programs`` and ``moderated_programs``,
so a view cannot forget it.
"""

from collections.abc import Sequence
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from cohorts.coursework.models import Submission
from cohorts.coursework.uploads import Checked, checked_uploads
from pd_platform.accounts.models import User
from pd_platform.sanitize import plain_text, render_user_text, required_text

from .models import Follow, ModerationEntry, Post, PostAttachment, Report, Thread, Topic
from .selectors import member_programs, moderated_programs

TITLE_MAX = cast(int, Thread._meta.get_field("title").max_length)  # CharFields: always set
REASON_MAX = cast(int, Report._meta.get_field("reason").max_length)


class CommunityError(Exception):
    """The action was refused; the message says why."""


def _member(user: User, program_id: int) -> None:
    if program_id not in member_programs(user):
        raise CommunityError("This community is for the program's participants, alumni and facilitators.")


def _moderator(user: User, program_id: int) -> None:
    if program_id not in moderated_programs(user):
        raise CommunityError("Only the program's facilitators and admins moderate its community.")


def _text(source: str | None, what: str = "Your post") -> str:
    return required_text(
        source,
        settings.DISCUSSION_POST_MAX_CHARACTERS,
        CommunityError,
        empty=f"{what} is empty: write something first.",
        too_long=what + " is {length:,} characters long; the limit is {limit:,}.",
    )


def _title(title: str | None) -> str:
    return required_text(
        title,
        TITLE_MAX,
        CommunityError,
        empty="Give the thread a title.",
        too_long="The title is {length} characters long; keep it to {limit}.",
    )


def _checked(uploads: Sequence[UploadedFile]) -> list[Checked]:
    """The uploads checked as submissions' are (size, type from the content), before anything is written."""
    try:
        return checked_uploads(uploads)
    except ValidationError as error:
        raise CommunityError(error.messages[0]) from None


def _attach(post: Post, checked: list[Checked]) -> None:
    for upload, name, content_type, stored_name in checked:
        attachment = PostAttachment(post=post, name=name, content_type=content_type, size=upload.size)
        attachment.file.save(stored_name, upload, save=False)
        attachment.save()


def _earlier(user: User, form_token: str) -> Post | None:
    """The post this form already made (a double-click posts once)."""
    if not form_token:
        return None
    return Post.objects.filter(author=user, form_token=form_token).select_related("thread").first()


def _follow(user: User, thread: Thread) -> None:
    Follow.objects.get_or_create(user=user, thread=thread)


def do_start_thread(
    user: User,
    topic: Topic,
    title: str | None,
    source: str | None,
    uploads: Sequence[UploadedFile] = (),
    form_token: str = "",
) -> Thread:
    """A new thread in a topic, with its opening post; the author follows it."""
    earlier = _earlier(user, form_token)
    if earlier is not None:
        return earlier.thread
    _member(user, topic.program_id)
    title, source, checked = _title(title), _text(source), _checked(uploads)
    now = timezone.now()
    try:
        with transaction.atomic():
            thread = Thread.objects.create(topic=topic, title=title, author=user, last_post_at=now)
            post = Post.objects.create(
                thread=thread, author=user, source=source, body=render_user_text(source), form_token=form_token
            )
            _attach(post, checked)
            _follow(user, thread)
    except IntegrityError:
        earlier = _earlier(user, form_token)
        if earlier is None:
            raise
        return earlier.thread
    return thread


def do_post(
    user: User,
    thread: Thread,
    source: str | None,
    parent: Post | None = None,
    uploads: Sequence[UploadedFile] = (),
    form_token: str = "",
) -> Post:
    """A post in a thread, or a reply to one of its posts; the author follows the thread."""
    earlier = _earlier(user, form_token)
    if earlier is not None:
        return earlier
    _member(user, thread.topic.program_id)
    if parent is not None and parent.thread_id != thread.pk:
        raise CommunityError("You can only reply to posts in this thread.")
    if parent is not None and parent.hidden_at:
        raise CommunityError("That post was hidden by a moderator: it takes no replies.")
    source, checked = _text(source), _checked(uploads)
    try:
        with transaction.atomic():
            post = Post.objects.create(
                thread=thread,
                author=user,
                parent=(parent.parent or parent) if parent else None,
                source=source,
                body=render_user_text(source),
                form_token=form_token,
            )
            _attach(post, checked)
            Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
            _follow(user, thread)
    except IntegrityError:
        earlier = _earlier(user, form_token)
        if earlier is None:
            raise
        return earlier
    return post


def do_follow(user: User, thread: Thread, follow: bool = True) -> None:
    """Follow a thread (its new posts come in the digest) or stop following it."""
    _member(user, thread.topic.program_id)
    if follow:
        try:
            with transaction.atomic():
                _follow(user, thread)
        except IntegrityError:
            pass  # a second click raced the first: followed either way
    else:
        Follow.objects.filter(user=user, thread=thread).delete()


def do_share_submission(
    user: User, submission: Submission, topic: Topic, title: str | None, note: str | None, consent: bool
) -> Thread:
    """Share a copy of one's own latest revision (a learning-target set, a gradebook, a plan),
    with its files, as a new thread. Only with the author's consent, and never another's work.
    The copy stays as shared, whatever the submission becomes later."""
    if submission.enrollment.user_id != user.pk:
        raise CommunityError("You can only share your own work.")
    if not consent:
        raise CommunityError("Tick the box to agree to share a copy of this work with the community.")
    if topic.program_id != submission.enrollment.cohort.program_id:
        raise CommunityError("Share it in a topic of the program it was written for.")
    _member(user, topic.program_id)
    revision = submission.revisions.order_by("-number").prefetch_related("attachments").first()
    if revision is None:
        raise CommunityError("There is nothing to share yet: submit the work first.")
    title = _title(title)
    note = plain_text(note or "").strip()
    if len(note) > settings.DISCUSSION_POST_MAX_CHARACTERS:
        raise CommunityError("The note is too long.")
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(topic=topic, title=title, author=user, last_post_at=now)
        post = Post.objects.create(
            thread=thread,
            author=user,
            source=(note + "\n\n" if note else "") + revision.source,
            body=(render_user_text(note) if note else "") + revision.body,
            shared_from=revision,
            shared_what=f"{submission.title}, revision {revision.number}"[:200],
        )
        for original in revision.attachments.all():
            with original.file.open("rb") as handle:
                copy = PostAttachment(
                    post=post, name=original.name, content_type=original.content_type, size=original.size
                )
                copy.file.save(original.name, ContentFile(handle.read()), save=False)
            copy.save()
        _follow(user, thread)
    return thread


def do_report(user: User, post: Post, reason: str | None) -> Report:
    """Report a post to the moderators, once per person and post."""
    _member(user, post.thread.topic.program_id)
    if post.author_id == user.pk:
        raise CommunityError("This is your own post.")
    reason = required_text(
        reason,
        REASON_MAX,
        CommunityError,
        empty="Say what is wrong with the post, so the moderators can judge it.",
        too_long="Keep the reason to {limit} characters.",
    )
    try:
        with transaction.atomic():
            report, created = Report.objects.get_or_create(post=post, reporter=user, defaults={"reason": reason})
    except IntegrityError:
        return Report.objects.get(post=post, reporter=user)
    if not created and report.resolved_at is not None:
        raise CommunityError("You reported this post before and a moderator has looked at it.")
    return report


def _moderate(moderator: User, post: Post, action: str, reason: str | None, **changes: object) -> Post:
    _moderator(moderator, post.thread.topic.program_id)
    reason = plain_text(reason or "").strip()[:300]
    now = timezone.now()
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        if action == ModerationEntry.Action.HIDE and post.hidden_at:
            raise CommunityError("This post is already hidden.")
        if action == ModerationEntry.Action.RESTORE and not post.hidden_at:
            raise CommunityError("This post is not hidden.")
        for name, value in changes.items():
            setattr(post, name, value(now) if callable(value) else value)
        if changes:
            post.save(update_fields=list(changes))
        if action != ModerationEntry.Action.RESTORE:
            post.reports.filter(resolved_at__isnull=True).update(resolved_at=now)
        ModerationEntry.objects.create(post=post, moderator=moderator, action=action, reason=reason)
    return post


def do_hide_post(moderator: User, post: Post, reason: str | None = "") -> Post:
    """Hide a post from the community (kept, with who hid it, when and why); closes its reports."""
    return _moderate(
        moderator, post, ModerationEntry.Action.HIDE, reason, hidden_at=lambda now: now, hidden_by=moderator
    )


def do_restore_post(moderator: User, post: Post, reason: str | None = "") -> Post:
    """Show a hidden post again."""
    return _moderate(moderator, post, ModerationEntry.Action.RESTORE, reason, hidden_at=None, hidden_by=None)


def do_dismiss_reports(moderator: User, post: Post, reason: str | None = "") -> Post:
    """The post stays: its open reports are closed."""
    return _moderate(moderator, post, ModerationEntry.Action.DISMISS, reason)
