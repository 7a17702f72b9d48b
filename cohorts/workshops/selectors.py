"""Read queries for workshop cohorts."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cohorts.registration.models import Enrollment
from modules.models import ActivityKind, WorkshopSeriesPage

from .models import WorkshopSession


def group_status(cohort):
    """(confirmed, registered, minimum): a site cohort runs with a minimum group size."""
    minimum = getattr(cohort.program.specific, "min_group_size", 0)
    registered = cohort.enrollments.filter(status=Enrollment.Status.REGISTERED).count()
    return registered >= minimum, registered, minimum


def runs_workshops(program) -> bool:
    """Whether a program is a workshop series (an online-only course has no sessions or attendance).
    From the page's content type, which Django keeps in memory: no query once known."""
    return program_type_runs_workshops(program.content_type_id)


def program_type_runs_workshops(content_type_id) -> bool:
    """``runs_workshops`` from the program page's content type id alone (a list of cohorts reads it with them)."""
    return issubclass(ContentType.objects.get_for_id(content_type_id).model_class() or type(None), WorkshopSeriesPage)


def attendance_pages(cohort, activities):
    """For the gradebook: each workshop's attendance column opens that workshop's session of the cohort
    on its attendance page. One query, none when no column is attendance."""
    attendance = [a for a in activities if a.kind == ActivityKind.ATTENDANCE]
    if not attendance:
        return {}
    sessions = dict(
        WorkshopSession.objects.filter(cohort=cohort, workshop_id__in={a.page_id for a in attendance}).values_list(
            "workshop_id", "pk"
        )
    )
    return {
        a.pk: reverse("workshops:attendance", args=[sessions[a.page_id]]) for a in attendance if a.page_id in sessions
    }
