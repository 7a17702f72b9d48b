"""Every change to a participant's grading plans, one function each: the marks, the letter rule,
the mastery tasks. Callers found the plan through ``selectors.plan_for`` (the person's own)."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max

from pd_platform.accounts.models import User

from ..models import GradingPlan, LearningTarget, MasteryTask
from ..target_sets.services import _text
from .grading import GradeRule


def delete_plan(plan: GradingPlan) -> None:
    """Gone from the designer; what was attached to a submission stays there (a copy)."""
    plan.delete()


def _plan_scale(scale: str, level: str | int) -> tuple[str, str]:
    from .grading import SCALES

    if scale not in SCALES:
        raise ValidationError({"scale": "Choose a scale from the list."})
    if scale == "mip":
        return scale, "3"
    marks = [m for m in SCALES[scale][1] if m.isdigit()]
    if str(level) not in marks:
        raise ValidationError({"mastery_level": f"Choose the level that counts as mastery: one of {', '.join(marks)}."})
    return scale, str(level)


def create_plan(owner: User, *, course_name: str, scale: str, mastery_level: str | int = "3") -> GradingPlan:
    scale, level = _plan_scale(scale, mastery_level)
    return GradingPlan.objects.create(
        owner=owner, course_name=_text(course_name, "course_name", 150), scale=scale, mastery_level=level
    )


def update_plan(plan: GradingPlan, *, course_name: str, scale: str, mastery_level: str | int = "3") -> None:
    plan.course_name = _text(course_name, "course_name", 150)
    plan.scale, plan.mastery_level = _plan_scale(scale, mastery_level)
    plan.save(update_fields=["course_name", "scale", "mastery_level", "updated_at"])


def parse_bands(text: str | None, field: str) -> list[dict[str, str | int | None]]:
    """Bands as a teacher types them, one a line, best first: "A 0", "B 1", "C 2", "F" (the last
    letter alone takes any more). Answers the API's form of them."""
    rows = []
    for number, line in enumerate((text or "").strip().splitlines(), start=1):
        parts = line.replace("=", " ").replace(":", " ").split()
        if not parts:
            continue
        if len(parts) > 2 or (len(parts) == 2 and not parts[1].isdigit()):
            raise ValidationError(
                {field: f"Line {number} (“{line.strip()}”): write a letter and a whole number, e.g. “B 1”."}
            )
        rows.append({"letter": parts[0], "most": int(parts[1]) if len(parts) == 2 else None})
    return rows


def set_plan_rule(
    plan: GradingPlan, *, bands_text: str, wide_text: str | None = "", wide_from: int | None = None
) -> None:
    """The plan's own letter bands (and wider ones from some number of tasks on), checked as the
    API checks them; the wider bands must use the same letters."""
    from . import grading

    data: dict[str, Any] = {"bands": parse_bands(bands_text, "bands")}
    if (wide_text or "").strip() or wide_from:
        data.update(wide_bands=parse_bands(wide_text, "wide_bands"), wide_from=wide_from)
    try:
        rule = grading.rule_from_data(data)
    except grading.InvalidRule as problem:
        raise ValidationError({"bands": str(problem)}) from problem
    if rule.wide_bands and [b.letter for b in rule.wide_bands] != [b.letter for b in rule.bands]:
        raise ValidationError(
            {
                "wide_bands": "Use the same letters, in the same order, in both sets of bands (or empty the wider bands "
                "and their number of tasks, for one set of bands whatever the number of tasks)."
            }
        )
    plan.bands = data["bands"]
    plan.wide_bands = data.get("wide_bands", [])
    plan.wide_from = data.get("wide_from")
    plan.save(update_fields=["bands", "wide_bands", "wide_from", "updated_at"])


def reset_plan_rule(plan: GradingPlan) -> None:
    """Back to the course's rule (seed 004)."""
    plan.bands, plan.wide_bands, plan.wide_from = [], [], None
    plan.save(update_fields=["bands", "wide_bands", "wide_from", "updated_at"])


def plan_rule(plan: GradingPlan) -> GradeRule:
    from . import grading

    if not plan.bands:
        return grading.SEED_004
    data = {"bands": plan.bands}
    if plan.wide_bands:
        data.update(wide_bands=plan.wide_bands, wide_from=plan.wide_from)
    return grading.rule_from_data(data)


MAX_TASKS_PER_PLAN = 60


@transaction.atomic
def add_task(plan: GradingPlan, *, title: str, targets: Iterable[int | str] = ()) -> MasteryTask:
    """A mastery task, aligned to some of the owner's own learning targets."""
    GradingPlan.objects.select_for_update().filter(pk=plan.pk).first()
    found = plan.tasks.aggregate(count=Count("pk"), last=Max("position"))
    if found["count"] >= MAX_TASKS_PER_PLAN:
        raise ValidationError({"title": f"A plan holds at most {MAX_TASKS_PER_PLAN} mastery tasks."})
    task = MasteryTask.objects.create(plan=plan, title=_text(title, "title", 150), position=(found["last"] or 0) + 1)
    task.targets.set(_own_targets(plan.owner, targets))
    plan.save(update_fields=["updated_at"])
    return task


def update_task(task: MasteryTask, *, title: str, targets: Iterable[int | str] = ()) -> None:
    task.title = _text(title, "title", 150)
    task.save(update_fields=["title"])
    task.targets.set(_own_targets(task.plan.owner, targets))
    task.plan.save(update_fields=["updated_at"])


def delete_task(task: MasteryTask) -> None:
    task.delete()
    task.plan.save(update_fields=["updated_at"])


def _own_targets(owner: User, targets: Iterable[int | str]) -> list[LearningTarget]:
    ids = {int(t) for t in targets if str(t).isdigit()}
    own = list(LearningTarget.objects.filter(pk__in=ids, group__target_set__owner=owner))
    if len(own) != len(ids):
        raise ValidationError({"targets": "Align tasks to your own learning targets only."})
    return own
