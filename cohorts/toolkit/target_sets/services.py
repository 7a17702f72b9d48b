"""Every change to a participant's target sets, one function each. Callers have already found
the object through a selector scoped to the person (`selectors.target_set_for`)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max

from pd_platform.accounts.models import User

from ..models import GradeBand, LearningTarget, TargetGroup, TargetSet

MAX_GROUPS = 40
MAX_TARGETS_PER_GROUP = 40


def _text(value: str | None, field: str, limit: int) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError({field: "This cannot be empty."})
    if len(value) > limit:
        raise ValidationError({field: f"Keep it under {limit} characters (this has {len(value)})."})
    return value


def _band(value: str) -> str:
    if value not in GradeBand.values:
        raise ValidationError({"grade_band": "Choose a grade band from the list."})
    return value


def create_target_set(owner: User, *, course_name: str, grade_band: str) -> TargetSet:
    return TargetSet.objects.create(
        owner=owner, course_name=_text(course_name, "course_name", 150), grade_band=_band(grade_band)
    )


def update_target_set(target_set: TargetSet, *, course_name: str, grade_band: str) -> None:
    target_set.course_name = _text(course_name, "course_name", 150)
    target_set.grade_band = _band(grade_band)
    target_set.save(update_fields=["course_name", "grade_band", "updated_at"])


def delete_target_set(target_set: TargetSet) -> None:
    """Gone from the builder; what was attached to a submission stays there (a copy)."""
    target_set.delete()


def _touch(target_set: TargetSet) -> None:
    target_set.save(update_fields=["updated_at"])


@transaction.atomic
def add_group(target_set: TargetSet, *, kind: str, code: str | None, text: str) -> TargetGroup:
    if kind not in TargetGroup.Kind.values:
        raise ValidationError({"kind": "Choose standard or enduring understanding."})
    TargetSet.objects.select_for_update().filter(pk=target_set.pk).first()
    found = target_set.groups.aggregate(count=Count("pk"), last=Max("position"))
    if found["count"] >= MAX_GROUPS:
        raise ValidationError({"text": f"A set holds at most {MAX_GROUPS} standards or understandings."})
    group = TargetGroup.objects.create(
        target_set=target_set,
        kind=kind,
        code=(code or "").strip()[:60],
        text=_text(text, "text", 500),
        position=(found["last"] or 0) + 1,
    )
    _touch(target_set)
    return group


def update_group(group: TargetGroup, *, kind: str, code: str | None, text: str) -> None:
    if kind not in TargetGroup.Kind.values:
        raise ValidationError({"kind": "Choose standard or enduring understanding."})
    group.kind, group.code, group.text = kind, (code or "").strip()[:60], _text(text, "text", 500)
    group.save(update_fields=["kind", "code", "text"])
    _touch(group.target_set)


def delete_group(group: TargetGroup) -> None:
    """The standard and the targets under it."""
    group.delete()
    _touch(group.target_set)


@transaction.atomic
def add_target(group: TargetGroup, *, text: str) -> LearningTarget:
    TargetGroup.objects.select_for_update().filter(pk=group.pk).first()
    found = group.targets.aggregate(count=Count("pk"), last=Max("position"))
    if found["count"] >= MAX_TARGETS_PER_GROUP:
        raise ValidationError({"text": f"At most {MAX_TARGETS_PER_GROUP} targets under one standard."})
    target = LearningTarget.objects.create(
        group=group, text=_text(text, "text", 300), position=(found["last"] or 0) + 1
    )
    _touch(group.target_set)
    return target


def update_target(target: LearningTarget, *, text: str) -> None:
    target.text = _text(text, "text", 300)
    target.save(update_fields=["text"])
    _touch(target.group.target_set)


def delete_target(target: LearningTarget) -> None:
    target.delete()
    _touch(target.group.target_set)


@transaction.atomic
def move(item: Any, direction: str) -> bool:  # a TargetGroup, a LearningTarget or a MasteryTask
    """Swap a group or a target with its neighbour above ("up") or below ("down"); at the end of
    the list nothing moves. Positions are unique, so the swap passes through a free one."""
    if direction not in ("up", "down"):
        raise ValidationError("Move up or down.")
    model = type(item)
    parent = {TargetGroup: "target_set_id", LearningTarget: "group_id"}.get(model, "plan_id")
    siblings = model.objects.select_for_update().filter(**{parent: getattr(item, parent)})
    ordered = list(siblings.order_by("position").values_list("pk", "position"))
    index = [pk for pk, _ in ordered].index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return False
    (mine, my_position), (theirs, their_position) = ordered[index], ordered[other]
    free = ordered[-1][1] + 1
    model.objects.filter(pk=mine).update(position=free)
    model.objects.filter(pk=theirs).update(position=my_position)
    model.objects.filter(pk=mine).update(position=their_position)
    owner = {TargetGroup: lambda: item.target_set, LearningTarget: lambda: item.group.target_set}.get(
        model, lambda: item.plan
    )()
    owner.save(update_fields=["updated_at"])
    return True
