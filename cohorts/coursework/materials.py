"""A participant's marks on the learning materials: marking and unmarking (one writer each),
and reading them back per page and per program.

Materials are what a participant reads, watches and downloads; the completion rule counts
submissions only, so a mark never changes progress toward the certificate.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from cohorts.registration.selectors import course_access_open, may_use_course
from modules.materials import materials_of
from modules.models import ModulePage, NextStepsPage, OnlineLearningPage, WorkshopPage
from modules.outline import program_outline

from .models import MaterialMark, Submission

MATERIAL_PAGE_TYPES = (ModulePage, WorkshopPage, OnlineLearningPage, NextStepsPage)


class MaterialError(Exception):
    """The mark was refused; the message says why."""


def _check(enrollment, page, block_id, now=None):
    """Validate before anything changes: an active enrollment, course access open, the page
    part of the enrollment's program, and the block one of its markable materials."""
    if not may_use_course(enrollment):
        raise MaterialError("Your registration is not active: check My courses.")
    if not course_access_open(enrollment.cohort, now or timezone.now()):
        raise MaterialError("Course access has not opened yet.")
    if not isinstance(page, MATERIAL_PAGE_TYPES) or page.get_parent().pk != enrollment.cohort.program_id:
        raise MaterialError("This page is not part of your course.")
    if block_id not in {item.id for item in materials_of(page.body) if item.markable}:
        raise MaterialError("That material is no longer on this page.")


def do_mark_material(enrollment, page, block_id, how=MaterialMark.How.MARKED, now=None):
    """Mark one material done. Idempotent: a second mark (two tabs, a video's end after the
    button) keeps the first; the unique constraint decides when two arrive at once.
    Locks nothing: the constraint is the guard."""
    _check(enrollment, page, block_id, now)
    try:
        with transaction.atomic():
            mark, _ = MaterialMark.objects.get_or_create(
                enrollment=enrollment, page_id=page.pk, block_id=block_id, defaults={"how": how}
            )
    except IntegrityError:
        mark = MaterialMark.objects.get(enrollment=enrollment, page_id=page.pk, block_id=block_id)
    return mark


def do_unmark_material(enrollment, page, block_id, now=None):
    """Take a mark back (the participant wants to come back to it)."""
    _check(enrollment, page, block_id, now)
    MaterialMark.objects.filter(enrollment=enrollment, page_id=page.pk, block_id=block_id).delete()


def marks_on_page(enrollment, page_id) -> frozenset:
    """Ids of the materials this enrollment marked on one page (one query)."""
    return frozenset(
        MaterialMark.objects.filter(enrollment=enrollment, page_id=page_id).values_list("block_id", flat=True)
    )


@dataclass(frozen=True)
class MaterialsDone:
    done: int
    total: int

    @property
    def complete(self):
        return self.total > 0 and self.done >= self.total


def materials_done_by_page(enrollment, pages) -> dict:
    """page id -> MaterialsDone for these pages (their bodies already loaded), in one query.
    Marks on materials an editor has since removed do not count."""
    marks: dict = {}
    for page_id, block_id in MaterialMark.objects.filter(
        enrollment=enrollment, page_id__in=[p.pk for p in pages]
    ).values_list("page_id", "block_id"):
        marks.setdefault(page_id, set()).add(block_id)
    result = {}
    for page in pages:
        ids = {item.id for item in materials_of(getattr(page, "body", None)) if item.markable}
        result[page.pk] = MaterialsDone(done=len(ids & marks.get(page.pk, set())), total=len(ids))
    return result


def program_material_pages(program_id):
    """The program's pages that carry materials, in course order, from its outline."""
    outline = program_outline(program_id)
    return [p for p in outline.children() if isinstance(p, MATERIAL_PAGE_TYPES)] if outline else []


def materials_summary(enrollment):
    """(pages in order, page id -> MaterialsDone, all done, all markable) for one enrollment."""
    pages = program_material_pages(enrollment.cohort.program_id)
    by_page = materials_done_by_page(enrollment, pages)
    done = sum(item.done for item in by_page.values())
    total = sum(item.total for item in by_page.values())
    return pages, by_page, done, total


@dataclass(frozen=True)
class PageProgress:
    materials_done: int
    materials_total: int
    complete: int
    required: int

    def __str__(self):
        parts = []
        if self.materials_total:
            parts.append(f"Materials {self.materials_done} of {self.materials_total}")
        if self.required:
            parts.append(f"Submissions {self.complete} of {self.required} complete")
        return " · ".join(parts)


def page_progress(enrollment) -> dict:
    """page id -> PageProgress: materials done and required submissions complete on each page
    of the enrollment's program (for the module list and the series timeline)."""
    pages, by_page, _, _ = materials_summary(enrollment)
    outline = program_outline(enrollment.cohort.program_id)
    complete = set(
        Submission.objects.filter(
            enrollment=enrollment, activity__isnull=False, status=Submission.Status.COMPLETE
        ).values_list("activity_id", flat=True)
    )
    required: dict = {}
    for activity in outline.required if outline else ():
        counts = required.setdefault(activity.page_id, [0, 0])
        counts[1] += 1
        counts[0] += activity.pk in complete
    return {
        page.pk: PageProgress(by_page[page.pk].done, by_page[page.pk].total, *required.get(page.pk, (0, 0)))
        for page in pages
    }
