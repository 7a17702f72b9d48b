from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from cohorts.coursework.models import AppendOnly

from .target_sets import goldilocks


def _lines(values):
    return "\n".join(values)


@register_setting(icon="tick")
class TargetCheckSettings(BaseGenericSetting):
    """The words the learning-target checks look for. One word or phrase a line."""

    vague_verbs = models.TextField(
        default=_lines(goldilocks.DEFAULT_RULES.vague_verbs),
        help_text="Verbs nobody can observe or measure (a target starting with one fails).",
    )
    action_verbs = models.TextField(
        default=_lines(goldilocks.DEFAULT_RULES.action_verbs),
        help_text="Observable verbs: one after “and” means the target joins two skills.",
    )
    broad_phrases = models.TextField(
        default=_lines(goldilocks.DEFAULT_RULES.broad_phrases),
        help_text="Words that make a target a whole unit or subject.",
    )
    subjects = models.TextField(
        default=_lines(goldilocks.DEFAULT_RULES.subjects),
        help_text="Subject names: a target that names only a subject is too broad.",
    )
    narrow_words = models.TextField(
        default=_lines(goldilocks.DEFAULT_RULES.narrow_words),
        help_text="Words that tie a target to one task (question and page numbers are caught too).",
    )
    max_words = models.PositiveSmallIntegerField(
        default=goldilocks.DEFAULT_RULES.max_words, help_text="The most words a target may have."
    )

    panels = [
        HelpPanel(
            content="<p>What the learning-target builder checks, as participants type. "
            "One word or phrase a line; case does not matter.</p>"
        ),
        FieldPanel("vague_verbs"),
        FieldPanel("action_verbs"),
        FieldPanel("broad_phrases"),
        FieldPanel("subjects"),
        FieldPanel("narrow_words"),
        FieldPanel("max_words"),
    ]

    class Meta:
        verbose_name = "learning-target checks"

    def rules(self):
        def words(text):
            return tuple(sorted({line.strip().lower() for line in text.splitlines() if line.strip()}))

        return goldilocks.TargetRules(
            vague_verbs=words(self.vague_verbs),
            action_verbs=words(self.action_verbs),
            broad_phrases=words(self.broad_phrases),
            subjects=words(self.subjects),
            narrow_words=words(self.narrow_words),
            max_words=max(self.max_words, 1),
        )


class GradeBand(models.TextChoices):
    K2 = "k-2", "Grades K-2"
    G35 = "3-5", "Grades 3-5"
    G68 = "6-8", "Grades 6-8"
    G912 = "9-12", "Grades 9-12"
    ADULT = "adult", "Adult learners"


class TargetSet(models.Model):
    """A participant's learning targets for one of their own courses."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="target_sets")
    course_name = models.CharField(max_length=150)
    grade_band = models.CharField(max_length=8, choices=GradeBand.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.course_name


class TargetGroup(models.Model):
    """A standard or an enduring understanding; the targets nest under it."""

    class Kind(models.TextChoices):
        STANDARD = "standard", "Standard"
        UNDERSTANDING = "understanding", "Enduring understanding"

    target_set = models.ForeignKey(TargetSet, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.STANDARD)
    code = models.CharField(max_length=60, blank=True, help_text="e.g. CCSS.MATH.5.NF.A.1")
    text = models.CharField(max_length=500)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["target_set", "position"]
        constraints = [models.UniqueConstraint(fields=["target_set", "position"], name="target_group_positions_unique")]

    def __str__(self):
        return f"{self.code} {self.text}".strip()


class LearningTarget(models.Model):
    group = models.ForeignKey(TargetGroup, on_delete=models.CASCADE, related_name="targets")
    text = models.CharField(max_length=300)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["group", "position"]
        constraints = [models.UniqueConstraint(fields=["group", "position"], name="learning_target_positions_unique")]

    def __str__(self):
        return self.text


class AttachedTargetSet(AppendOnly):
    """A copy of a target set as it was submitted with one revision. Never changed: the set in
    the builder moves on, the submission keeps what the facilitator reviewed."""

    revision = models.OneToOneField("coursework.Revision", on_delete=models.PROTECT, related_name="target_set_copy")
    target_set = models.ForeignKey(TargetSet, on_delete=models.SET_NULL, null=True, blank=True, related_name="copies")
    course_name = models.CharField(max_length=150)
    grade_band = models.CharField(max_length=8, choices=GradeBand.choices)
    # [{"kind", "code", "text", "targets": [{"key", "text"}]}]; a target's key is stable across
    # revisions (its builder row), so revisions compare target by target.
    groups = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.course_name} (revision {self.revision_id})"

    def targets(self):
        return [target for group in self.groups for target in group["targets"]]

    def items(self):
        return self.targets()


class GradingPlan(models.Model):
    """A participant's mastery grading plan for one of their courses: the mastery tasks, the
    marks, and the rule that turns them into a letter grade."""

    class Scale(models.TextChoices):
        MIP = "mip", "Mastery / In Progress / Missing"
        FOUR = "4321", "4-3-2-1"
        THREE = "13", "1-3"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grading_plans")
    course_name = models.CharField(max_length=150)
    scale = models.CharField(max_length=8, choices=Scale.choices, default=Scale.MIP)
    mastery_level = models.CharField(
        max_length=2, default="3", help_text="On a number scale, the lowest level that counts as mastery."
    )
    # [{"letter", "most"}] best first, the last with most null; empty: the course's rule (seed 004)
    bands = models.JSONField(default=list, blank=True)
    wide_bands = models.JSONField(default=list, blank=True)
    wide_from = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.course_name

    @property
    def level(self):
        return "M" if self.scale == self.Scale.MIP else self.mastery_level


class MasteryTask(models.Model):
    plan = models.ForeignKey(GradingPlan, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=150)
    position = models.PositiveIntegerField()
    targets = models.ManyToManyField(LearningTarget, blank=True, related_name="mastery_tasks")

    class Meta:
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="mastery_task_positions_unique")]

    def __str__(self):
        return self.title


class AttachedGradingPlan(AppendOnly):
    """A copy of a grading plan as it was submitted with one revision (the Module 06 "Communicating
    your grading system" assignment). Never changed."""

    revision = models.OneToOneField("coursework.Revision", on_delete=models.PROTECT, related_name="grading_plan_copy")
    plan = models.ForeignKey(GradingPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="copies")
    course_name = models.CharField(max_length=150)
    scale = models.CharField(max_length=8, choices=GradingPlan.Scale.choices)
    mastery_level = models.CharField(max_length=2)
    rule = models.JSONField()  # {"bands": [...], "wide_bands": [...], "wide_from": n}; bands empty: the course's
    # [{"key", "title", "targets": [text]}]; a task's key is stable across revisions
    tasks = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.course_name} (revision {self.revision_id})"

    def items(self):
        return self.tasks


class ItemComment(AppendOnly):
    """A facilitator's feedback on one item of an attached copy: a learning target of a set, or a
    mastery task of a plan."""

    target_set_copy = models.ForeignKey(
        AttachedTargetSet, on_delete=models.PROTECT, null=True, blank=True, related_name="comments"
    )
    plan_copy = models.ForeignKey(
        AttachedGradingPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="comments"
    )
    item_key = models.CharField(max_length=40)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="toolkit_comments")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(target_set_copy__isnull=False) & models.Q(plan_copy__isnull=True))
                | (models.Q(target_set_copy__isnull=True) & models.Q(plan_copy__isnull=False)),
                name="item_comment_on_one_copy",
            )
        ]
