"""Who belongs to which program's community, and the reads of the community pages, each
scoped to the asker: a participant or alumnus of a program, its cohorts' facilitators, admins.
A fixed number of queries per page, however many threads and posts there are."""

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from wagtail.models import Page

from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import may_use_course_q
from modules.models import CoursePage, WorkshopSeriesPage
from pd_platform.accounts import roles

from .models import Follow, ModerationEntry, Post, PostAttachment, Report, Thread, Topic


def member_programs(user) -> set:
    """Ids of the programs whose community this person may read and write in: the programs
    they take or took (a registered enrollment, in any cohort, finished or not), the programs
    of the cohorts they facilitate, every program for an admin."""
    if not user.is_authenticated:
        return set()
    if roles.is_admin(user):
        return set(CoursePage.objects.values_list("pk", flat=True)) | set(
            WorkshopSeriesPage.objects.values_list("pk", flat=True)
        )
    taken = Enrollment.objects.filter(may_use_course_q(), user=user).values_list("cohort__program_id", flat=True)
    led = Cohort.objects.filter(facilitators=user).values_list("program_id", flat=True)
    return set(taken) | set(led)


def moderated_programs(user) -> set:
    """Programs whose community this person moderates: those of the cohorts they facilitate; all for an admin."""
    if not user.is_authenticated:
        return set()
    if roles.is_admin(user):
        return member_programs(user)
    return set(Cohort.objects.filter(facilitators=user).values_list("program_id", flat=True))


def communities(user):
    """The programs this person belongs to, each with its topics, thread counts and latest
    activity (three queries)."""
    programs = list(Page.objects.filter(pk__in=member_programs(user)).order_by("path"))
    topics = list(
        Topic.objects.filter(program__in=programs)
        .annotate(thread_count=Count("threads"), last_post_at=Max("threads__last_post_at"))
        .order_by("sort_order", "pk")
    )
    return [(program, [t for t in topics if t.program_id == program.pk]) for program in programs]


def topic_for(user, topic_id):
    return Topic.objects.filter(pk=topic_id, program_id__in=member_programs(user)).select_related("program").first()


def threads_of(topic):
    """A topic's threads, latest activity first, with their post counts and authors."""
    return (
        Thread.objects.filter(topic=topic)
        .select_related("author")
        .annotate(post_count=Count("posts", filter=Q(posts__hidden_at__isnull=True)))
        .order_by("-last_post_at", "-pk")
    )


def thread_for(user, thread_id):
    return (
        Thread.objects.filter(pk=thread_id, topic__program_id__in=member_programs(user))
        .select_related("topic__program", "author")
        .first()
    )


def post_for(user, post_id):
    return (
        Post.objects.filter(pk=post_id, thread__topic__program_id__in=member_programs(user))
        .select_related("thread__topic__program", "author")
        .first()
    )


def attachment_for(user, attachment_id):
    """An attachment of a post this person may read; a hidden post's only for its moderators."""
    item = (
        PostAttachment.objects.filter(pk=attachment_id, post__thread__topic__program_id__in=member_programs(user))
        .select_related("post__thread__topic")
        .first()
    )
    if item and item.post.hidden_at and item.post.thread.topic.program_id not in moderated_programs(user):
        return None
    return item


def thread_posts(thread):
    """The thread's posts as (post, its replies), oldest first, with authors (and their districts),
    attachments and open reports (three queries)."""
    posts = list(
        Post.objects.filter(thread=thread)
        .select_related("author__district_membership__district", "hidden_by")
        .prefetch_related("attachments")
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .order_by("created_at", "pk")
    )
    replies = {}
    for post in posts:
        if post.parent_id:
            replies.setdefault(post.parent_id, []).append(post)
    return [(post, replies.get(post.pk, [])) for post in posts if not post.parent_id]


def follows(user, thread):
    return Follow.objects.filter(user=user, thread=thread).exists()


def reported_by(user, thread):
    """Ids of the posts in this thread that this person already reported."""
    return set(Report.objects.filter(reporter=user, post__thread=thread).values_list("post_id", flat=True))


def moderation_desk(program_id):
    """Posts with open reports (oldest report first) and the latest moderation log (two queries)."""
    open_reports = Q(reports__resolved_at__isnull=True, reports__isnull=False)
    reported = list(
        Post.objects.filter(thread__topic__program_id=program_id)
        .filter(Exists(Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)))
        .select_related("author", "thread")
        .annotate(
            open_reports=Count("reports", filter=open_reports),
            first_report=Min("reports__created_at", filter=open_reports),
        )
        .order_by("first_report", "pk")
    )
    log = list(
        ModerationEntry.objects.filter(post__thread__topic__program_id=program_id)
        .select_related("moderator", "post__author", "post__thread")
        .order_by("-at", "-pk")[:100]
    )
    return reported, log


def open_reasons(posts):
    """post id -> the reasons given in its open reports (one query)."""
    result = {}
    for post_id, reason in Report.objects.filter(post__in=posts, resolved_at__isnull=True).values_list(
        "post_id", "reason"
    ):
        result.setdefault(post_id, []).append(reason)
    return result


def shareable_submission(user, submission_id):
    """The person's own submission with something submitted, in a program whose community they
    belong to; with its latest revision. (None, None) for anything else, never another's work."""
    from cohorts.coursework.models import Submission

    submission = (
        Submission.objects.filter(pk=submission_id, enrollment__user=user)
        .select_related("enrollment__cohort__program", "activity", "follow_up")
        .first()
    )
    if submission is None or submission.enrollment.cohort.program_id not in member_programs(user):
        return None, None
    revision = submission.revisions.order_by("-number").first()
    return (submission, revision) if revision else (None, None)
