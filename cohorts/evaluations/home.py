"""What evaluations add to a participant's home: the evaluation to fill in (and whether the
certificate waits for it), and a check-in once one is open."""

from django.db.models import Count, Q
from django.urls import reverse

from certificates.models import Certificate
from cohorts.coursework.selectors import progress_of_enrollments
from cohorts.registration.models import Cohort
from pd_platform.homes import Todo

from .models import Response, Survey
from .services import END, evaluation_open, open_checkin_day


def evaluation_todos(user, rows):
    """Three queries for any number of courses: the surveys, the answers given, the certificates."""
    open_rows = [row for row in rows if row.course_open]
    if not open_rows:
        return {}
    surveys = {
        (s.program_id, s.kind): s
        for s in Survey.objects.filter(program_id__in={row.enrollment.cohort.program_id for row in open_rows})
    }
    if not surveys:
        return {}
    ids = [row.enrollment.pk for row in open_rows]
    answered = set(Response.objects.filter(enrollment_id__in=ids).values_list("enrollment_id", "occasion"))
    completed = dict(
        Certificate.objects.filter(enrollment_id__in=ids, revoked_at__isnull=True).values_list(
            "enrollment_id", "issued_at"
        )
    )
    progress = progress_of_enrollments([row.enrollment for row in open_rows])
    result = {}
    for row in open_rows:
        enrollment = row.enrollment
        program_id = enrollment.cohort.program_id
        evaluation = surveys.get((program_id, Survey.Kind.EVALUATION))
        if evaluation and (enrollment.pk, END) not in answered and evaluation_open(progress.get(enrollment.pk)):
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
