"""The community digest: once a day, to the people who asked for it, the new posts of the last
day in the threads they follow and the new threads of their programs' communities. Nothing is
sent on a day with nothing new for them."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from cohorts.registration.models import Cohort, Enrollment
from cohorts.registration.selectors import may_use_course_q
from pd_platform import reminders
from pd_platform.accounts import roles

from .models import Follow, Post

KIND = "community_digest"
DIGEST_SHOWS = 20


def _programs_of(user_ids):
    """user id -> the programs whose community they belong to (two queries; admins: every program)."""
    result = {}
    for user_id, program_id in Enrollment.objects.filter(may_use_course_q(), user_id__in=user_ids).values_list(
        "user_id", "cohort__program_id"
    ):
        result.setdefault(user_id, set()).add(program_id)
    for user_id, program_id in Cohort.facilitators.through.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "cohort__program_id"
    ):
        result.setdefault(user_id, set()).add(program_id)
    return result


def community_digest(now, rules):
    """A fixed number of queries: who asked, their programs and follows, the day's posts."""
    wanting = reminders.asking(KIND)
    if not wanting:
        return
    since = now - timedelta(days=1)
    posts = list(
        Post.objects.filter(created_at__gt=since, created_at__lte=now, hidden_at__isnull=True)
        .select_related("thread__topic__program", "author")
        .order_by("created_at", "pk")
    )
    if not posts:
        return
    user_ids = [user.pk for user in wanting]
    programs = _programs_of(user_ids)
    admins = {user.pk for user in wanting if roles.is_admin(user)}
    followed = set(Follow.objects.filter(user_id__in=user_ids).values_list("user_id", "thread_id"))
    day = now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    for user in wanting:
        mine = programs.get(user.pk, set())
        new = [
            post
            for post in posts
            if post.author_id != user.pk
            and (user.pk in admins or post.thread.topic.program_id in mine)
            and ((user.pk, post.thread_id) in followed or post.parent_id is None and post.thread.created_at > since)
        ]
        if not new:
            continue
        site = settings.SITE_URL.rstrip("/")
        yield reminders.Due(
            kind=KIND,
            recipient=user,
            object_key="community",
            period=day.isoformat(),
            subject=f"Community: {len(new)} new post{'s' if len(new) != 1 else ''}",
            template="community/email/digest.txt",
            context={
                "items": [
                    (post, f"{site}{reverse('community:thread', args=[post.thread_id])}#post-{post.pk}")
                    for post in new[:DIGEST_SHOWS]
                ],
                "more": max(len(new) - DIGEST_SHOWS, 0),
                "community_url": site + reverse("community:index"),
            },
            time_zone=settings.TIME_ZONE,
        )


# Registered here, where they are defined; pd_platform.registries imports this module once.
reminders.register(
    KIND,
    "Community digest",
    "Once a day, when there is something new: posts in the threads you follow and new threads "
    "in your programs' communities.",
    {roles.PARTICIPANT, roles.FACILITATOR, roles.ADMIN},
    community_digest,
    order=90,
    opt_in=True,
)
