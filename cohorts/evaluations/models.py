"""Surveys of a program (its end-of-course evaluation, its check-ins after completion), their
questions, and the answers people give. Answers are never edited: a response is written once."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

LIKERT = [(1, "Strongly disagree"), (2, "Disagree"), (3, "Neutral"), (4, "Agree"), (5, "Strongly agree")]


class Survey(ClusterableModel):
    class Kind(models.TextChoices):
        EVALUATION = "evaluation", "End-of-course evaluation"
        CHECK_IN = "checkin", "Check-in after completion"

    program = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=150)
    intro = models.TextField(blank=True, help_text="Shown above the questions.")
    required_for_certificate = models.BooleanField(
        default=False, help_text="The certificate waits until the participant has answered (evaluations only)."
    )
    anonymous_results = models.BooleanField(
        default=True, help_text="Results show no name next to an answer. Check-ins are read by name, to follow up."
    )
    checkin_days = models.CharField(
        max_length=40,
        blank=True,
        default="30,60,90",
        validators=[RegexValidator(r"^\d{1,3}(,\d{1,3})*$", "Days after completion, separated by commas: 30,60,90.")],
        help_text="Check-ins only: days after the certificate when each check-in is asked for.",
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "kind"], name="one_survey_per_program_and_kind")]

    def __str__(self):
        return f"{self.title} ({self.program.title})"

    @property
    def days(self):
        return sorted({int(d) for d in self.checkin_days.split(",") if d}) if self.checkin_days else []


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", "Agree / disagree (1-5)"
        TEXT = "text", "Open answer"

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=40, help_text="Stable name, e.g. facilitation: results and CSV columns use it.")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    text = models.CharField(max_length=300)
    required = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order_field = "sort_order"  # the admin's inline panel reorders by it

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="question_key_unique_per_survey")]

    def __str__(self):
        return self.text


class Response(models.Model):
    """One person's answers to one survey on one occasion (the evaluation, or day 30 ...)."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    enrollment = models.ForeignKey("cohorts.Enrollment", on_delete=models.PROTECT, related_name="survey_responses")
    occasion = models.CharField(max_length=20, help_text='"end" for the evaluation, "day-30" for a check-in.')
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "enrollment", "occasion"], name="one_response_per_occasion")
        ]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=5000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="rating_on_the_scale"
            ),
            models.CheckConstraint(condition=Q(rating__isnull=False) | ~Q(text=""), name="answer_has_a_rating_or_text"),
        ]
