"""Reads for the impact report: the raw rows of a scope (a cohort, a program, a district), a fixed
number of queries however many people, and the scopes a person may open."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from certificates.models import Certificate, SiteCohortRequest
from cohorts.coursework.models import Submission
from cohorts.evaluations.models import Answer, Response, Survey
from cohorts.evaluations.selectors import DEFAULT_MINIMUM
from cohorts.registration.models import Approval, Cohort, District, Enrollment
from cohorts.registration.selectors import reviewable_cohorts
from modules.models import ActivityKind, CoursePage, WorkshopSeriesPage
from pd_platform.accounts import roles
from pd_platform.accounts.models import User

from .models import StudentOutcome
from .report import Figure, FigureMaker, Level, Rows, build_report

# The district workspace (another room, which may import this one) adds its coordinators' activity
# for a scope here: callables (scope) -> [report.Figure], called with the report's minimum group size.
CoordinatorActivity = Callable[["Scope", FigureMaker], Iterable[Figure]]
coordinator_activity: list[CoordinatorActivity] = []


def _true_when(condition: Q) -> "ExpressionWrapper[Q]":
    """A column that says whether ``condition`` holds for the row."""
    return ExpressionWrapper(condition, output_field=BooleanField())


def register_coordinator_activity(provider: CoordinatorActivity) -> None:
    """``provider(scope, figure)`` returns Figures for level 3; ``figure(label, people, value)`` makes one
    that honours the minimum group size."""
    coordinator_activity.append(provider)


@dataclass(frozen=True)
class Scope:
    kind: str  # "cohort", "program" or "district"
    title: str
    enrollments: Q  # which enrollments the report is about
    districts: Q  # whose student outcome figures it shows
    obj: object = None
    showing: str = ""  # what the report covers, in words


def cohort_scope(cohort: Cohort) -> Scope:
    return Scope(
        "cohort",
        f"{cohort.program.title}, {cohort.name}",
        Q(cohort=cohort),
        Q(memberships__user__enrollments__cohort=cohort),
        cohort,
        f"The people of one cohort ({cohort.start_date:%B} {cohort.start_date.day}, {cohort.start_date.year} to "
        f"{cohort.end_date:%B} {cohort.end_date.day}, {cohort.end_date.year})",
    )


def program_scope(program: CoursePage | WorkshopSeriesPage) -> Scope:
    return Scope(
        "program",
        program.title,
        Q(cohort__program=program),
        Q(memberships__user__enrollments__cohort__program=program),
        program,
        "The people of every cohort of the program",
    )


def district_scope(district: District) -> Scope:
    return Scope(
        "district",
        district.name,
        Q(user__district_membership__district=district),
        Q(pk=district.pk),
        district,
        "The district's people, in every program they took",
    )


def minimum_group_size() -> int:
    return int(settings.IMPACT_MINIMUM_GROUP_SIZE)


def impact_rows(scope: Scope) -> Rows:
    """Eight queries, whatever the scope holds."""
    enrollments = Enrollment.objects.filter(scope.enrollments)
    registered = enrollments.filter(status=Enrollment.Status.REGISTERED)
    certified = Certificate.objects.filter(
        enrollment__in=registered, revoked_at__isnull=True, replaced_at__isnull=True
    ).values_list("enrollment__user_id", "issued_at")
    programs = registered.values("cohort__program_id")
    ratings, rating_minimums = _ratings(registered)
    return Rows(
        enrollments=list(
            enrollments.values_list("pk", "user_id", "status", "payment_method", _true_when(Q(paid_at__isnull=False)))
        ),
        approvals=list(
            Approval.objects.filter(enrollment__in=enrollments).values_list("enrollment__user_id", "decision")
        ),
        responses=list(
            Response.objects.filter(enrollment__in=registered).values_list(
                "enrollment__user_id", "survey__kind", "occasion"
            )
        ),
        ratings=ratings,
        rating_minimums=rating_minimums,
        evidence=list(
            Submission.objects.filter(enrollment__in=registered)
            .filter(Q(activity__kind=ActivityKind.ASSIGNMENT) | Q(follow_up__isnull=False))
            .annotate(versions=Count("revisions"))
            .order_by("pk")
            .values_list("enrollment__user_id", "status", _true_when(Q(follow_up__isnull=False)), "versions")
        ),
        certified=[(user, timezone.localdate(issued_at)) for user, issued_at in certified],
        as_of=timezone.localdate(),
        sites=list(
            SiteCohortRequest.objects.filter(
                status=SiteCohortRequest.Status.APPROVED, certificate__enrollment__in=registered
            ).values_list("trainer_id", "site")
        ),
        checkin_days=_checkin_days(programs),
        outcomes=[
            (o.district.name, o.period, o.measure, o.value, o.group_size, o.notes, _source(o))
            for o in StudentOutcome.objects.filter(district__in=District.objects.filter(scope.districts))
            .select_related("district", "uploaded_by")
            .order_by("district__name", "period", "measure", "pk")
        ],
    )


def _ratings(registered: QuerySet[Enrollment]) -> tuple[list[tuple[int, int, str, int]], dict[int, int]]:
    """The evaluation's ratings, and for each question of an anonymous survey the number of people its
    program asks for before anonymous results show (no figure of it shows below that either)."""
    answers = (
        Answer.objects.filter(
            response__enrollment__in=registered,
            response__survey__kind=Survey.Kind.EVALUATION,
            rating__isnull=False,
        )
        .order_by("response__submitted_at", "pk")
        .values_list(
            "response__enrollment__user_id",
            "question_id",
            "question__text",
            "response__survey__program__title",
            "rating",
            "response__survey__anonymous_results",
            "response__survey__program__coursepage__anonymous_results_minimum",
            "response__survey__program__workshopseriespage__anonymous_results_minimum",
        )
    )
    # No None but the minimums of the kind of program a survey's is not: ratings only, asked above.
    rows = cast(list[tuple[int, int, str, str, int, bool, int | None, int | None]], list(answers))
    several = len({row[3] for row in rows}) > 1
    minimums = {
        question: course_minimum or series_minimum or DEFAULT_MINIMUM
        for _, question, _, _, _, anonymous, course_minimum, series_minimum in rows
        if anonymous
    }
    ratings = [
        (user, question, f"{program}: {text}" if several else text, rating)
        for user, question, text, program, rating, *_ in rows
    ]
    return ratings, minimums


def _checkin_days(programs: QuerySet[Enrollment, Any]) -> list[int]:
    days: set[int] = set()
    for (checkin_days,) in Survey.objects.filter(kind=Survey.Kind.CHECK_IN, program_id__in=programs).values_list(
        "checkin_days"
    ):
        days.update(int(day) for day in checkin_days.split(",") if day)
    return sorted(days)


def _source(outcome: StudentOutcome) -> str:
    return (
        f"Supplied by {outcome.district.name}: {outcome.source}, uploaded "
        f"{outcome.uploaded_at:%B} {outcome.uploaded_at.day}, {outcome.uploaded_at.year} by {outcome.uploaded_by.full_name}"
    )


def impact_report(scope: Scope) -> list[Level]:
    """The report's five levels for a scope."""
    minimum = minimum_group_size()
    rows = impact_rows(scope)
    if coordinator_activity:
        figure = FigureMaker(minimum)
        extra = [found for provider in coordinator_activity for found in provider(scope, figure)]
        rows = Rows(**{**rows.__dict__, "coordinator": extra})
    return build_report(rows, minimum)


def impact_for_district(district: District) -> list[Level]:
    """The district's impact report (for the district coordinator's workspace): its levels."""
    return impact_report(district_scope(district))


# Who may open which report: facilitators their cohorts; the program office every cohort, program and district.


def cohort_for(user: User | AnonymousUser, cohort_id: int) -> Cohort | None:
    return reviewable_cohorts(user).filter(pk=cohort_id).select_related("program").first()


def may_open_wide_reports(user: User | AnonymousUser) -> bool:
    return roles.is_admin(user)


def scopes_for(
    user: User | AnonymousUser,
) -> tuple[list[Cohort], list[CoursePage | WorkshopSeriesPage], list[District]]:
    """The cohorts (and, for the office, programs and districts) whose reports this person may open."""
    cohorts = list(reviewable_cohorts(user).select_related("program").order_by("program__title", "start_date", "name"))
    if not may_open_wide_reports(user):
        return cohorts, [], []
    programs = {cohort.program_id: cohort.program for cohort in cohorts}
    districts = list(District.objects.order_by("name"))
    return cohorts, sorted(programs.values(), key=lambda page: page.title), districts
