"""Results of a survey for a set of enrollments: counts and distributions, comments, rows for
CSV. A fixed number of queries however many answered.

Anonymous results are withheld until enough people have answered (the program's
``anonymous_results_minimum``): with one or two answers, "anonymous" names the person."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count
from django.utils import timezone

from modules.models import CoursePage

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
    people: int = 0
    # Set when the results are anonymous and fewer people than this have answered: nothing is shown.
    withheld_below: int | None = None

    @property
    def still_needed(self):
        return max((self.withheld_below or 0) - self.people, 0)


DEFAULT_MINIMUM = CoursePage._meta.get_field("anonymous_results_minimum").default


def anonymity_minimum(survey):
    """How many people must answer before an anonymous survey's results show; None when the
    results are named. Reads the program page ``services.survey_of`` fetched with the survey."""
    if not survey.anonymous_results:
        return None
    for kind in ("coursepage", "workshopseriespage"):
        try:
            return getattr(survey.program, kind).anonymous_results_minimum
        except ObjectDoesNotExist:
            continue
    return DEFAULT_MINIMUM


def _people(responses):
    # People, not responses: one person answers each check-in (day 30, 60, 90), and may be in two cohorts.
    return responses.aggregate(people=Count("enrollment__user_id", distinct=True))["people"]


def withheld_below(survey, enrollments):
    """The minimum when the results of these enrollments must not show yet, else None (one query,
    none for named results)."""
    minimum = anonymity_minimum(survey)
    if minimum is None:
        return None
    people = _people(Response.objects.filter(survey=survey, enrollment__in=enrollments))
    return minimum if people < minimum else None


def survey_results(survey, enrollments, occasion=None):
    responses = Response.objects.filter(survey=survey, enrollment__in=enrollments)
    if occasion:
        responses = responses.filter(occasion=occasion)
    tally_of = responses.aggregate(count=Count("pk"), people=Count("enrollment__user_id", distinct=True))
    count, people = tally_of["count"], tally_of["people"]
    minimum = anonymity_minimum(survey)
    if minimum is not None:
        if people < minimum:
            # Not one answer is read: neither counts nor comments can name the few who answered.
            return Results(responses=count, people=people, withheld_below=minimum)
    questions = list(survey.questions.all())
    tally = defaultdict(dict)
    for question_id, rating, n in (
        Answer.objects.filter(response__in=responses, rating__isnull=False)
        .values_list("question_id", "rating")
        .annotate(n=Count("pk"))
        .values_list("question_id", "rating", "n")
    ):
        tally[question_id][rating] = n
    result = Results(responses=count, people=people)
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
    """A header and one row per response (no name when the results are anonymous; no rows while
    too few have answered an anonymous survey)."""
    questions = list(survey.questions.all())
    header = ([] if survey.anonymous_results else ["name", "email"]) + ["cohort", "occasion", "submitted"]
    yield header + [q.key for q in questions]
    if withheld_below(survey, enrollments):
        return
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
