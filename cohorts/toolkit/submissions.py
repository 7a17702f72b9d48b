"""A target set or a grading plan submitted as coursework: a new revision through coursework's own
``submit_revision``, with a frozen copy attached; and the facilitator's feedback on each item."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .plans.services import plan_rule


def snapshot_groups(target_set):
    """The set's standards and targets as data (read through the set's prefetched rows)."""
    return [
        {
            "kind": group.kind,
            "code": group.code,
            "text": group.text,
            "targets": [{"key": f"t{target.pk}", "text": target.text} for target in group.targets.all()],
        }
        for group in target_set.groups.all()
    ]


def submission_source(target_set, groups, note):
    """The revision's text: the targets as Markdown, so the work reads whole anywhere (the
    review queue, the e-mail receipt, a backup)."""
    lines = [f"**Learning targets: {target_set.course_name}** ({target_set.get_grade_band_display()})", ""]
    for group in groups:
        lines.append(f"### {group['code'] + ': ' if group['code'] else ''}{group['text']}")
        lines.extend(f"- {target['text']}" for target in group["targets"])
        lines.append("")
    if note.strip():
        lines.extend(["**Note to the facilitator**", "", note.strip()])
    return "\n".join(lines).strip()


def submit_target_set(enrollment, activity, target_set, *, note=""):
    """Submit a set (the person's own) as their learning-targets assignment: a new revision of
    the submission, and a copy of the set attached to it. Refused like any submission (not
    open, waiting for feedback, complete) and for a set with no targets."""
    from cohorts.coursework import services as coursework

    from .models import AttachedTargetSet

    if target_set.owner_id != enrollment.user_id:
        raise coursework.CourseworkError("You can only submit your own target sets.")
    if activity is None or not activity.is_learning_targets:
        raise coursework.CourseworkError("A target set is submitted to a learning-targets assignment.")
    groups = snapshot_groups(target_set)
    if not any(group["targets"] for group in groups):
        raise coursework.CourseworkError("Add at least one learning target before submitting the set.")
    with transaction.atomic():
        revision = coursework.submit_revision(enrollment, activity, submission_source(target_set, groups, note))
        AttachedTargetSet.objects.create(
            revision=revision,
            target_set=target_set,
            course_name=target_set.course_name,
            grade_band=target_set.grade_band,
            groups=groups,
        )
    return revision


def comment_on_item(copy, item_key, author, text):
    """A facilitator's feedback on one target of an attached set or one task of an attached plan;
    the caller checked that they review the submission."""
    from .models import AttachedTargetSet, ItemComment

    if item_key not in {item["key"] for item in copy.items()}:
        raise ValidationError({"text": "That item is not in this copy."})
    which = "target_set_copy" if isinstance(copy, AttachedTargetSet) else "plan_copy"
    return ItemComment.objects.create(
        **{which: copy}, item_key=item_key, author=author, text=_text_block(text, "text", 2000)
    )


def _text_block(value, field, limit):
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: "Write the feedback first."})
    if len(value) > limit:
        raise ValidationError({field: f"Keep it under {limit} characters (this has {len(value)})."})
    return value


def plan_snapshot(plan):
    """The plan's rule and tasks as data (read through the plan's prefetched tasks and targets)."""
    rule = {"bands": plan.bands, "wide_bands": plan.wide_bands, "wide_from": plan.wide_from}
    tasks = [
        {"key": f"k{task.pk}", "title": task.title, "targets": [target.text for target in task.targets.all()]}
        for task in plan.tasks.all()
    ]
    return rule, tasks


def plan_source(plan, tasks, note):
    from .plans import grading

    label = grading.SCALES[plan.scale][0]
    counted = "M" if plan.scale == "mip" else f"{plan.mastery_level} or higher"
    rule = plan_rule(plan)
    lines = [
        f"**Grading plan: {plan.course_name}**",
        "",
        f"Marks: {label}; mastery is {counted}.",
        "",
        f"Letter grade: {grading.describe(rule, max(len(tasks), 1))}.",
    ]
    if rule.wide_bands and rule.wide_from:
        lines += ["", f"From {rule.wide_from} tasks on: {grading.describe(rule, rule.wide_from)}."]
    lines += ["", "### Mastery tasks"]
    lines += [
        f"- {task['title']}" + (f" (targets: {'; '.join(task['targets'])})" if task["targets"] else "")
        for task in tasks
    ]
    if note.strip():
        lines += ["", "**Note to the facilitator**", "", note.strip()]
    return "\n".join(lines)


def submit_grading_plan(enrollment, activity, plan, *, note=""):
    """Submit one's own plan as the "Communicating your grading system" assignment: a new
    revision, and a copy of the plan attached to it."""
    from cohorts.coursework import services as coursework

    from .models import AttachedGradingPlan

    if plan.owner_id != enrollment.user_id:
        raise coursework.CourseworkError("You can only submit your own grading plans.")
    if activity is None or not activity.is_grading_system:
        raise coursework.CourseworkError("A grading plan is submitted to the grading-system assignment.")
    rule, tasks = plan_snapshot(plan)
    if not tasks:
        raise coursework.CourseworkError("Add at least one mastery task before submitting the plan.")
    with transaction.atomic():
        revision = coursework.submit_revision(enrollment, activity, plan_source(plan, tasks, note))
        AttachedGradingPlan.objects.create(
            revision=revision,
            plan=plan,
            course_name=plan.course_name,
            scale=plan.scale,
            mastery_level=plan.mastery_level,
            rule=rule,
            tasks=tasks,
        )
    return revision
