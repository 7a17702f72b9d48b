"""What the LTI pages read: the links an instructor may add, where progress goes back."""

from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import Page

from cohorts.coursework.models import Submission
from cohorts.coursework.progress import compute_progress
from cohorts.coursework.selectors import enrollment_progress
from cohorts.registration.selectors import reviewable_cohorts
from modules.models import Activity

from .models import Placement


@dataclass(frozen=True)
class LinkChoice:
    cohort: object
    pages: list  # the program first, then its modules or workshops in course order


def link_choices(user, today=None) -> list[LinkChoice]:
    """The cohorts this person facilitates that have not ended, each with the pages a course link
    may open (two queries, however many cohorts)."""
    today = today or timezone.localdate()
    cohorts = list(
        reviewable_cohorts(user).filter(end_date__gte=today).select_related("program").order_by("start_date", "name")
    )
    if not cohorts:
        return []
    where = Q()
    for cohort in cohorts:
        where |= Q(path__startswith=cohort.program.path, depth=cohort.program.depth + 1)
    children: dict[str, list] = {}
    for page in Page.objects.live().filter(where).order_by("path").only("id", "title", "path", "depth"):
        children.setdefault(page.path[: -Page.steplen], []).append(page)
    return [LinkChoice(c, [c.program, *children.get(c.program.path, [])]) for c in cohorts]


def find_choice(choices, target: str):
    """(cohort, page) of a choice sent as "<cohort id>:<page id>", when it is among ``choices``; else (None, None)."""
    cohort_id, _, page_id = target.partition(":")
    if not (cohort_id.isdigit() and page_id.isdigit()):
        return None, None
    cohort_pk, page_pk = int(cohort_id), int(page_id)
    for choice in choices:
        if choice.cohort.pk == cohort_pk:
            return choice.cohort, next((p for p in choice.pages if p.pk == page_pk), None)
    return None, None


def placements_for(submission) -> list[tuple[int, int]]:
    """(placement, person) pairs whose gradebook a change of this submission moves: links to its
    page or its whole program, in its cohort, launched by its participant (one query)."""
    page_or_program = Q(page_id=F("cohort__program_id"))
    if submission.activity_id:
        page_or_program |= Q(page__in=Activity.objects.filter(pk=submission.activity_id).values("page"))
    return list(
        Placement.objects.filter(page_or_program, cohort__enrollments=submission.enrollment_id)
        .exclude(lineitem_url="")
        .filter(resource_link__context__deployment__registration__users__auth_user=F("cohort__enrollments__user"))
        .values_list("pk", "cohort__enrollments__user")
        .distinct()
    )


def progress_on(placement, enrollment):
    """Progress on what a link opens: the page's required activities, or the whole program's."""
    if placement.page_id == placement.cohort.program_id:
        return enrollment_progress(enrollment)
    required = list(Activity.objects.filter(page_id=placement.page_id, required=True).values_list("pk", flat=True))
    status_of = dict(
        Submission.objects.filter(enrollment=enrollment, activity_id__in=required).values_list("activity_id", "status")
    )
    return compute_progress([status_of.get(pk, Submission.Status.MISSING) for pk in required], 1)
