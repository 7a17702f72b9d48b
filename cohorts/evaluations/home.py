"""What evaluations add to a participant's home: the evaluation to fill in (and whether the
certificate waits for it), and a check-in once one is open."""

from django.db.models import Count, F, FilteredRelation, Q
from django.urls import reverse

from certificates.home import valid_certificates
from certificates.models import Certificate
from cohorts.coursework.home import progress_on_home
from cohorts.registration.models import Cohort
from pd_platform import certificate_holds, homes
from pd_platform.accounts import roles
from pd_platform.homes import CourseExtras, CourseLink, Todo

from .models import Response, Survey
from .services import END, evaluation_hold, evaluation_open, open_checkin_day


def evaluation_todos(user, rows):
    """One query for any number of courses: the surveys with the answers given (the certificates and
    the progress are those the home read already)."""
    open_rows = [row for row in rows if row.course_open]
    if not open_rows:
        return {}
    ids = [row.enrollment.pk for row in open_rows]
    # The programs' surveys, each with the answers these enrollments gave to it (one row per answer).
    surveys, answered = {}, set()
    for s in Survey.objects.filter(program_id__in={row.enrollment.cohort.program_id for row in open_rows}).annotate(
        mine=FilteredRelation("responses", condition=Q(responses__enrollment_id__in=ids)),
        answered_by=F("mine__enrollment_id"),
        answered_on=F("mine__occasion"),
    ):
        surveys[(s.program_id, s.kind)] = s
        if s.answered_by is not None:
            answered.add((s.answered_by, s.answered_on))
    if not surveys:
        return {}
    # The first certificate issued of each (newest first, so the oldest is kept), read with the home's.
    completed = {c.enrollment_id: c.issued_at for c in valid_certificates(row.enrollment for row in rows)}
    completed = {pk: issued for pk, issued in completed.items() if pk in ids}
    progress = progress_on_home(rows)  # from the submissions the home read already
    result = {}
    for row in open_rows:
        enrollment = row.enrollment
        program_id = enrollment.cohort.program_id
        evaluation = surveys.get((program_id, Survey.Kind.EVALUATION))
        # A graduate's home holds what graduates do: the evaluation is a link beside the course on My
        # courses (``evaluation_links``), not a to-do. Before the certificate, it is one (it may hold it).
        if (
            evaluation
            and enrollment.pk not in completed
            and (enrollment.pk, END) not in answered
            and evaluation_open(progress.get(enrollment.pk))
        ):
            required = evaluation.required_for_certificate
            result.setdefault(enrollment.pk, []).append(
                Todo(
                    "evaluation",
                    "Course evaluation",
                    "Your certificate waits for it: tell us how the course served you."
                    if required
                    else "Tell us how the course served you (about five minutes).",
                    reverse("evaluations:evaluation", args=[enrollment.pk]),
                    "Fill in the evaluation",
                    order=55 if required else 70,
                )
            )
        checkin = surveys.get((program_id, Survey.Kind.CHECK_IN))
        mine = {occasion for pk, occasion in answered if pk == enrollment.pk}
        day = open_checkin_day(checkin, completed.get(enrollment.pk), mine)
        if day is not None:
            result.setdefault(enrollment.pk, []).append(
                Todo(
                    "checkin",
                    f"{day}-day check-in",
                    "How is mastery grading going at your site? Three short questions.",
                    reverse("evaluations:checkin", args=[enrollment.pk]),
                    "Answer the check-in",
                    order=8,
                )
            )
    return result


def evaluation_links(user, rows):
    """On My courses, beside a certified course whose evaluation is not answered yet: a link to it.
    Three queries: the certificates, the evaluations, the answers (none without an open course)."""
    open_rows = [row for row in rows if row.course_open]
    if not open_rows:
        return CourseExtras()
    certified = set(
        Certificate.objects.filter(
            enrollment_id__in=[row.enrollment.pk for row in open_rows], revoked_at__isnull=True
        ).values_list("enrollment_id", flat=True)
    )
    rows = [row for row in open_rows if row.enrollment.pk in certified]
    if not rows:
        return CourseExtras()
    with_evaluation = set(
        Survey.objects.filter(
            program_id__in={row.enrollment.cohort.program_id for row in rows}, kind=Survey.Kind.EVALUATION
        ).values_list("program_id", flat=True)
    )
    answered = set(
        Response.objects.filter(enrollment_id__in=[row.enrollment.pk for row in rows], occasion=END).values_list(
            "enrollment_id", flat=True
        )
    )
    return CourseExtras(
        links={
            row.enrollment.pk: [
                CourseLink("Fill in the evaluation", reverse("evaluations:evaluation", args=[row.enrollment.pk]))
            ]
            for row in rows
            if row.enrollment.cohort.program_id in with_evaluation and row.enrollment.pk not in answered
        }
    )


def facilitator_card(user):
    """The facilitator's cohorts with how many answered the evaluation and the check-ins (two queries)."""
    cohorts = list(
        Cohort.objects.filter(facilitators=user)
        .select_related("program")
        .annotate(
            evaluations=Count("enrollments__survey_responses", filter=Q(enrollments__survey_responses__occasion="end")),
            checkins=Count(
                "enrollments__survey_responses", filter=Q(enrollments__survey_responses__occasion__startswith="day-")
            ),
        )
        .order_by("-start_date")[:6]
    )
    return {"cohorts": cohorts, "user_id": user.pk}


# Registered here, where they are defined; pd_platform.registries imports this module once.
homes.register_todos(evaluation_todos, order=30)
homes.register_course_links(evaluation_links, order=40)
homes.register(
    "evaluations", "evaluations/home/facilitator.html", {roles.FACILITATOR}, order=60, context=facilitator_card
)
# The certificate waits for the end-of-course evaluation, which the home asks for.
certificate_holds.register(evaluation_hold)
