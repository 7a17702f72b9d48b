"""Results of a survey for a set of enrollments: counts and distributions, comments, rows for
CSV. A fixed number of queries however many answered."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from .models import LIKERT, Answer, Question, Response


@dataclass
class LikertResult:
    question: Question
    counts: list  # [(rating, label, count, percent)]
    answered: int
    mean: float | None


@dataclass
class Results:
    responses: int
    likert: list = field(default_factory=list)
    comments: list = field(default_factory=list)  # (question, text, name or "", response)


def survey_results(survey, enrollments, occasion=None):
    responses = Response.objects.filter(survey=survey, enrollment__in=enrollments)
    if occasion:
        responses = responses.filter(occasion=occasion)
    count = responses.count()
    questions = list(survey.questions.all())
    tally = defaultdict(dict)
    for question_id, rating, n in (
        Answer.objects.filter(response__in=responses, rating__isnull=False)
        .values_list("question_id", "rating")
        .annotate(n=Count("pk"))
        .values_list("question_id", "rating", "n")
    ):
        tally[question_id][rating] = n
    result = Results(responses=count)
    for question in questions:
        if question.kind != Question.Kind.LIKERT:
            continue
        counts = tally.get(question.pk, {})
        answered = sum(counts.values())
        result.likert.append(
            LikertResult(
                question,
                [
                    (
                        value,
                        label,
                        counts.get(value, 0),
                        round(100 * counts.get(value, 0) / answered) if answered else 0,
                    )
                    for value, label in LIKERT
                ],
                answered,
                round(sum(v * n for v, n in counts.items()) / answered, 1) if answered else None,
            )
        )
    texts = (
        Answer.objects.filter(response__in=responses, question__kind=Question.Kind.TEXT)
        .exclude(text="")
        .select_related("question", "response__enrollment__user")
        .order_by("question__sort_order", "response__submitted_at")
    )
    for answer in texts[:500]:
        name = "" if survey.anonymous_results else answer.response.enrollment.user.full_name
        result.comments.append((answer.question, answer.text, name, answer.response))
    return result


def csv_rows(survey, enrollments):
    """A header and one row per response (no name when the results are anonymous)."""
    questions = list(survey.questions.all())
    header = ([] if survey.anonymous_results else ["name", "email"]) + ["cohort", "occasion", "submitted"]
    yield header + [q.key for q in questions]
    responses = (
        Response.objects.filter(survey=survey, enrollment__in=enrollments)
        .select_related("enrollment__user", "enrollment__cohort")
        .prefetch_related("answers")
        .order_by("submitted_at", "pk")
    )
    for response in responses:
        values = {a.question_id: (a.rating if a.rating is not None else a.text) for a in response.answers.all()}
        who = [] if survey.anonymous_results else [response.enrollment.user.full_name, response.enrollment.user.email]
        yield (
            who
            + [
                response.enrollment.cohort.name,
                response.occasion,
                timezone.localdate(response.submitted_at).isoformat(),
            ]
            + [values.get(q.pk, "") for q in questions]
        )
