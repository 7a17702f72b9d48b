"""Reading a cohort's discussions: its threads, and which posts still wait for an answer.

A post *waits for a reply* when it starts a thread, is not hidden, was written by a participant
(not by a facilitator or the program office), and nobody but its author has replied to it in a
reply that is not hidden. The facilitator's home counts these (``unanswered_posts``, in SQL) and
the facilitator's discussion page marks them (``waits_for_reply``, on posts already read); the two
say the same thing, and a test holds them together.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from cohorts.registration.models import Cohort
from modules.models import ActivityKind

from .models import DiscussionPost

PARTICIPANT = DiscussionPost.PostedAs.PARTICIPANT


def unanswered_posts(cohort_ids):
    """Posts of these cohorts waiting for a reply (see the module's docstring): one query when read."""
    answered = (
        DiscussionPost.objects.filter(parent=OuterRef("pk"), hidden_at__isnull=True)
        .exclude(author=OuterRef("author"))
        .values("pk")
    )
    return DiscussionPost.objects.filter(
        cohort_id__in=cohort_ids, parent__isnull=True, hidden_at__isnull=True, posted_as=PARTICIPANT
    ).filter(~Exists(answered))


def waits_for_reply(post, replies):
    """The same rule as ``unanswered_posts``, for a thread already in hand."""
    if post.parent_id or post.hidden_at or post.posted_as != PARTICIPANT:
        return False
    return not any(reply.author_id != post.author_id and not reply.hidden_at for reply in replies)


def threads(cohort, activity, user):
    """[(post, replies)] of the cohort's discussion of the activity, oldest first; one query.

    The caller has already checked that ``user`` may read this cohort's discussion. Each post
    says whether the reader may still edit it, and each thread whether it waits for a reply.
    """
    posts = list(DiscussionPost.objects.filter(cohort=cohort, activity=activity).select_related("author", "hidden_by"))
    editable_after = timezone.now() - timezone.timedelta(minutes=settings.DISCUSSION_EDIT_MINUTES)
    replies = {}
    for post in posts:
        post.can_edit = post.author_id == user.pk and post.created_at >= editable_after and not post.hidden_at
        if post.parent_id:
            replies.setdefault(post.parent_id, []).append(post)
    result = []
    for post in posts:
        if not post.parent_id:
            post.waiting = waits_for_reply(post, replies.get(post.pk, []))
            result.append((post, replies.get(post.pk, [])))
    return result


def cohorts_facilitated(user, program):
    """The cohorts of ``program`` this person is a facilitator of, newest first (one query)."""
    return list(Cohort.objects.filter(program=program, facilitators=user).order_by("-start_date", "name"))


def discussion_links(cohorts, activities):
    """activity key -> [(cohort name, url of the cohort's discussion page)] for the discussion
    activities among ``activities`` (no query)."""
    if not cohorts:
        return {}
    return {
        activity.key: [
            (cohort.name, reverse("coursework:moderate", args=[cohort.pk, activity.key])) for cohort in cohorts
        ]
        for activity in activities
        if activity.kind == ActivityKind.DISCUSSION
    }
