"""The community of practice of a program: topics, threads, posts and replies, across cohorts
and districts; following, reports and moderation. A hidden post is kept, with its log."""

from django.conf import settings
from django.db import models

from pd_platform.storage import private_storage


class Topic(models.Model):
    """A standing subject of a program's community (set up from content data, edited by admins)."""

    program = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="community_topics")
    title = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["program", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["program", "title"], name="community_topic_title_once")]

    def __str__(self):
        return self.title


class Thread(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=150)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_threads")
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-last_post_at", "-pk"]
        indexes = [models.Index(fields=["topic", "last_post_at"])]

    def __str__(self):
        return self.title


class Post(models.Model):
    """The opening post of a thread, a post in it, or a reply to one (one level, like the
    course discussions). Sanitized HTML; hidden by a moderator, never deleted."""

    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_posts")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies")
    source = models.TextField()
    body = models.TextField(help_text="Sanitized HTML.")
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shared_from = models.ForeignKey(
        "coursework.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The author's own submission this is a copy of, shared with their consent.",
    )
    shared_what = models.CharField(max_length=200, blank=True, help_text="What was shared, e.g. the activity.")
    form_token = models.CharField(max_length=80, blank=True, default="")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "form_token"], condition=~models.Q(form_token=""), name="community_post_once_per_form"
            ),
        ]


class PostAttachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="community/%Y/%m/")
    name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.name


class Follow(models.Model):
    """A person follows a thread: its new posts come in their digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="community_follow_once")]


class Report(models.Model):
    """A member reported a post to the moderators; open until a moderator acts on it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="community_report_once")]


class ModerationEntry(models.Model):
    """The log: who hid, restored or cleared the reports of which post, when and why."""

    class Action(models.TextChoices):
        HIDE = "hide", "Hidden"
        RESTORE = "restore", "Restored"
        DISMISS = "dismiss", "Reports dismissed"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="moderation")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "moderation entries"
