"""Coursework: what participants submit and discuss, and the reviews they get.

The tables keep the names they had when these models lived in the ``cohorts`` app
(``db_table``), so moving them here moved no data.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from cohorts.registration.models import Cohort, Enrollment
from pd_platform.dates import within_planning_years
from pd_platform.storage import private_storage

from .progress import SubmissionStatus


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete history (revisions, reviews)."""


class AppendOnly(models.Model):
    """History that is written once: saving an existing row or deleting one is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only: it cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} is append-only: it cannot be deleted.")


class FollowUp(models.Model):
    """A customized assignment a facilitator gives one participant or a group after (or during)
    the course. Each person it is given to has a Submission of it, which goes through the same
    revise-and-resubmit loop; it counts toward the completion rule only when the facilitator says so."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="follow_ups")
    title = models.CharField(max_length=150)
    prompt_source = models.TextField(help_text="What the facilitator wrote (Markdown).")
    prompt = models.TextField(help_text="The same, as sanitized HTML.")
    due_on = models.DateField(null=True, blank=True, validators=[within_planning_years])
    counts_toward_completion = models.BooleanField(
        default=False, help_text="Counted in the course's completion rule like a required activity."
    )
    based_on = models.ForeignKey(
        "Submission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups_from",
        help_text="The submission it builds on, if any.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class Submission(models.Model):
    """One per enrollment and required activity, or per enrollment and follow-up assignment;
    what the completion engine reads."""

    Status = SubmissionStatus

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="submissions")
    activity = models.ForeignKey(
        "modules.Activity", on_delete=models.PROTECT, related_name="submissions", null=True, blank=True
    )
    follow_up = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="submissions", null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.MISSING)
    submitted_at = models.DateTimeField(null=True, blank=True, help_text="When the latest revision came in.")
    updated_at = models.DateTimeField(auto_now=True)
    draft = models.TextField(blank=True, help_text="Saved as the participant types; not yet submitted.")
    draft_saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "cohorts_submission"
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "activity"], name="one_submission_per_activity"),
            models.UniqueConstraint(fields=["enrollment", "follow_up"], name="one_submission_per_follow_up"),
            models.CheckConstraint(
                condition=models.Q(activity__isnull=False, follow_up__isnull=True)
                | models.Q(activity__isnull=True, follow_up__isnull=False),
                name="submission_of_an_activity_or_a_follow_up",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.title} by {self.enrollment.user}"

    @property
    def title(self):
        return self.follow_up.title if self.follow_up_id else self.activity.title

    @property
    def place(self):
        """Where it belongs: the activity's module or workshop, or the follow-up assignments."""
        return "Follow-up assignment" if self.follow_up_id else self.activity.page.title

    def participant_url(self) -> str:
        if self.follow_up_id:
            return reverse("coursework:follow_up", args=[self.enrollment_id, self.follow_up_id])
        assert self.activity is not None  # one or the other, by the constraint above
        return reverse("coursework:activity", args=[self.enrollment_id, self.activity.key])


class Revision(AppendOnly):
    """What a participant submitted, once. Never changed, never deleted."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    source = models.TextField(help_text="What the participant wrote (Markdown).")
    body = models.TextField(help_text="The same, as sanitized HTML.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "cohorts_revision"
        ordering = ["submission", "number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="revision_numbers_unique")]


class Attachment(AppendOnly):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="submissions/%Y/%m/")
    name = models.CharField(max_length=150, help_text="The file's name, made safe.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        db_table = "cohorts_attachment"

    def __str__(self):
        return self.name


class Review(AppendOnly):
    """A facilitator's rating of one revision. Reviews are history: each is kept."""

    class Rating(models.TextChoices):
        COMPLETE = SubmissionStatus.COMPLETE.value, "Complete"
        NEEDS_REVISION = SubmissionStatus.NEEDS_REVISION.value, "Needs revision"

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews_given",
        help_text="Empty when a participation rule completed it.",
    )
    rating = models.CharField(max_length=16, choices=Rating.choices)
    feedback = models.TextField(help_text="Sanitized HTML.")
    rubric = models.JSONField(default=list, blank=True, help_text='[{"criterion", "meets", "comment"}]')
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "cohorts_review"
        ordering = ["created_at", "id"]


class DiscussionPost(models.Model):
    """A post or a reply in a cohort's discussion of one activity."""

    class PostedAs(models.TextChoices):
        # Kept with the post, as it was when written: the label readers see beside the name.
        PARTICIPANT = "participant", "Participant"
        FACILITATOR = "facilitator", "Facilitator"
        OFFICE = "office", "Program office"

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="posts")
    activity = models.ForeignKey("modules.Activity", on_delete=models.PROTECT, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies")
    source = models.TextField()
    body = models.TextField(help_text="Sanitized HTML.")
    posted_as = models.CharField(max_length=12, choices=PostedAs.choices, default=PostedAs.PARTICIPANT)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    form_token = models.CharField(
        max_length=80,
        blank=True,
        default="",
        help_text="The one-time token of the form it was posted from: a double-click posts once.",
    )

    class Meta:
        db_table = "cohorts_discussionpost"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["cohort", "activity", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "form_token"], condition=~models.Q(form_token=""), name="cohorts_post_once_per_form"
            ),
        ]


class MaterialMark(models.Model):
    """A participant marked one item of a page's learning materials done (or it was marked
    when they opened or watched it). Materials do not count toward the completion rule."""

    class How(models.TextChoices):
        MARKED = "marked", "Marked done"
        OPENED = "opened", "Opened"
        WATCHED = "watched", "Watched to the end"

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="material_marks")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64, help_text="The StreamField block's id in the page's body.")
    how = models.CharField(max_length=10, choices=How.choices, default=How.MARKED)
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "page", "block_id"], name="one_mark_per_material"),
        ]
        indexes = [models.Index(fields=["enrollment", "page"])]


class PassageComment(AppendOnly):
    """A facilitator's comment on a passage of one revision: offsets into the revision's canonical
    text (``anchoring.canonical_text`` of its source) and the words quoted. History: never changed."""

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="passage_comments")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField(help_text="The passage's words, as they were.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.TextField(help_text="What the facilitator wrote (Markdown).")
    body = models.TextField(help_text="The same, as sanitized HTML.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="passage_comment_span"),
        ]


class PassageReply(AppendOnly):
    """An answer under a passage comment, by the participant or a facilitator."""

    comment = models.ForeignKey(PassageComment, on_delete=models.PROTECT, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.TextField()
    body = models.TextField(help_text="Sanitized HTML.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class PassagePlacement(AppendOnly):
    """Where a passage comment's passage is in a later revision, worked out once when that
    revision was submitted: kept (same words), rewritten (other words in its place) or removed."""

    class Status(models.TextChoices):
        KEPT = "kept", "Kept"
        REWRITTEN = "rewritten", "Rewritten"
        REMOVED = "removed", "Removed"

    comment = models.ForeignKey(PassageComment, on_delete=models.PROTECT, related_name="placements")
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="passage_placements")
    status = models.CharField(max_length=10, choices=Status.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField(blank=True, help_text="The words there now; empty when removed.")

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "revision"], name="one_placement_per_revision"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="passage_placement_span"),
        ]


class BankedComment(models.Model):
    """A comment a program's facilitators reuse, under a rubric criterion or general (empty)."""

    program = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    criterion = models.CharField(max_length=255, blank=True, help_text="Empty: a general comment.")
    text = models.CharField(max_length=1000)
    uses = models.PositiveIntegerField(default=0, help_text="Times it was inserted into feedback that was sent.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["criterion", "-uses", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "criterion", "text"], name="banked_comment_once"),
        ]

    def __str__(self):
        return self.text[:80]
