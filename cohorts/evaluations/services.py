"""Answering a survey (once per occasion), the certificate's wait for the evaluation, and which
check-ins are open. One writer per change; each in one transaction."""

from collections.abc import Container, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.models import Certificate
from cohorts.coursework.progress import Progress
from cohorts.registration.models import Enrollment
from pd_platform import outbox
from pd_platform.sanitize import plain_text

from .models import Answer, Question, Response, Survey

END = "end"
TEXT_LIMIT = 5000


class SurveyError(Exception):
    pass


def survey_of(program_id: int, kind: str) -> Survey | None:
    """The program's survey of this kind, with its questions and the program's settings (the
    anonymity minimum) fetched along."""
    return (
        Survey.objects.filter(program_id=program_id, kind=kind)
        .select_related("program__coursepage", "program__workshopseriespage")
        .prefetch_related("questions")
        .first()
    )


def checkin_occasion(day: int) -> str:
    return f"day-{day}"


def evaluation_open(progress: Progress | None) -> bool:
    """The one rule of when the end-of-course evaluation is offered: once the course's requirement is met.
    The home's to-do, the reminder and the form (on the server) all ask this."""
    return progress is not None and progress.met


def evaluation_not_yet(progress: Progress) -> str:
    """What a person is told who opens the evaluation before it is offered."""
    return (
        "The course evaluation opens once you have met the course's requirement: "
        f"{progress.still_needed} more {'activity' if progress.still_needed == 1 else 'activities'} rated complete. "
        "We will e-mail you then."
    )


def evaluation_hold(enrollment: Enrollment) -> str:
    """Registered with ``pd_platform.certificate_holds``: the certificate waits for a required
    evaluation not answered yet."""
    survey = Survey.objects.filter(
        program_id=enrollment.cohort.program_id, kind=Survey.Kind.EVALUATION, required_for_certificate=True
    ).first()
    if survey is None or Response.objects.filter(survey=survey, enrollment=enrollment, occasion=END).exists():
        return ""
    return "Fill in the course evaluation: your certificate follows."


@dataclass
class AnswerForm:
    """What a person posted, checked: the answers to keep, or the problems per question key."""

    answers: dict[str, int | str]
    problems: dict[str, str]


def check_answers(survey: Survey, posted: Mapping[str, str | None]) -> AnswerForm:
    """``posted``: question key -> the value sent. Required questions need an answer; a rating
    is 1-5; text is plain and bounded."""
    answers: dict[str, int | str] = {}
    problems: dict[str, str] = {}
    for question in survey.questions.all():
        raw = (posted.get(question.key) or "").strip()
        if question.kind == Question.Kind.LIKERT:
            if raw in {"1", "2", "3", "4", "5"}:
                answers[question.key] = int(raw)
            elif raw or question.required:
                problems[question.key] = "Choose one of the five answers."
        else:
            text = plain_text(raw).strip()
            if len(text) > TEXT_LIMIT:
                problems[question.key] = f"Keep the answer under {TEXT_LIMIT:,} characters."
            elif text:
                answers[question.key] = text
            elif question.required:
                problems[question.key] = "Write an answer."
    return AnswerForm(answers, problems)


def submit_response(
    enrollment: Enrollment, survey: Survey, occasion: str, posted: Mapping[str, str | None]
) -> Response:
    """Record the person's answers once. Returns the response, or raises SurveyError with the
    problems (nothing is saved then). An evaluation answered lets the certificate follow."""
    checked = check_answers(survey, posted)
    if checked.problems:
        raise SurveyError(checked.problems)
    questions = {q.key: q for q in survey.questions.all()}
    try:
        with transaction.atomic():
            response = Response.objects.create(survey=survey, enrollment=enrollment, occasion=occasion)
            Answer.objects.bulk_create(
                Answer(
                    response=response,
                    question=questions[key],
                    rating=value if isinstance(value, int) else None,
                    text=value if isinstance(value, str) else "",
                )
                for key, value in checked.answers.items()
            )
            if survey.kind == Survey.Kind.EVALUATION:
                outbox.enqueue("certificates.award_certificate", enrollment.pk)
    except IntegrityError:
        raise SurveyError({"": "You have answered this already: thank you."}) from None
    return response


def completed_on(enrollment: Enrollment) -> datetime | None:
    """When the person's certificate was issued (the course completed), or None."""
    return (
        Certificate.objects.filter(enrollment=enrollment, revoked_at__isnull=True)
        .order_by("issued_at")
        .values_list("issued_at", flat=True)
        .first()
    )


def open_checkin_day(
    survey: Survey | None, completed_at: datetime | None, answered: Container[str], now: datetime | None = None
) -> int | None:
    """The check-in to ask for now: the latest day reached since completion, if not answered
    (an earlier one missed is not asked for any more)."""
    now = now or timezone.now()
    if survey is None or completed_at is None:
        return None
    reached = [day for day in survey.days if completed_at + timedelta(days=day) <= now]
    if not reached or checkin_occasion(reached[-1]) in answered:
        return None
    return reached[-1]


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
