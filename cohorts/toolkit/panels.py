"""The toolkit's panels on coursework's pages (``pd_platform.revision_panels``): an attached
target set with its checks, or an attached grading plan with its rule, each with the feedback on
each item and what changed since the revision before; and a pointer to the toolkit above the
assignments that take them."""

from pd_platform.revision_panels import Panel

from .compare import compare_items, compare_sets, summary
from .models import AttachedGradingPlan, AttachedTargetSet
from .plans import grading
from .selectors import attached_copies, target_rules
from .target_sets import goldilocks


def _comments_by_item(copy):
    found = {}
    for comment in copy.comments.all():
        found.setdefault(comment.item_key, []).append(comment)
    return found


def _panels(model, revisions, build):
    """One panel per revision with a copy; each compared with the copy of the revision before."""
    copies = attached_copies(model, [revision.pk for revision in revisions])
    panels, previous, previous_number = {}, None, None
    for revision in sorted(revisions, key=lambda revision: revision.number):
        copy = copies.get(revision.pk)
        if copy is None:
            continue
        panels[revision.pk] = build(copy, previous, previous_number)
        previous, previous_number = copy, revision.number
    return panels


def target_set_panels(activity, revisions, viewer, reviewing):
    if activity is None or not revisions:
        return {}
    if activity.is_grading_system:
        return _panels(AttachedGradingPlan, revisions, lambda *args: _plan_panel(*args, reviewing=reviewing))
    if not activity.is_learning_targets:
        return {}
    rules = target_rules()

    def build(copy, previous, previous_number):
        comments = _comments_by_item(copy)
        groups = [
            {
                **group,
                "targets": [
                    {
                        **target,
                        "checks": [c for c in goldilocks.check_target(target["text"], rules) if not c.ok],
                        "comments": comments.get(target["key"], []),
                    }
                    for target in group["targets"]
                ],
            }
            for group in copy.groups
        ]
        changes = compare_sets(previous.groups, copy.groups) if previous is not None else None
        return Panel(
            "toolkit/panels/attached_set.html",
            {
                "copy": copy,
                "groups": groups,
                "reviewing": reviewing,
                "changes": [c for c in changes if c.status != "same"] if changes else [],
                "counts": summary(changes) if changes else {},
                "compared_with": previous_number,
            },
            compares_with=previous_number,
            changes_anchor=f"changes-{copy.pk}" if previous is not None else "",
        )

    return _panels(AttachedTargetSet, revisions, build)


def _rule_of(copy):
    data = {"bands": copy.rule.get("bands") or []}
    if not data["bands"]:
        return grading.SEED_004
    if copy.rule.get("wide_bands"):
        data.update(wide_bands=copy.rule["wide_bands"], wide_from=copy.rule.get("wide_from"))
    return grading.rule_from_data(data)


def _plan_panel(copy, previous, previous_number, reviewing):
    comments = _comments_by_item(copy)
    rule = _rule_of(copy)
    count = max(len(copy.tasks), 1)
    changes = compare_items(previous.tasks, copy.tasks, "title") if previous is not None else None
    return Panel(
        "toolkit/panels/attached_plan.html",
        {
            "copy": copy,
            "scale": grading.SCALES[copy.scale][0],
            "rule_now": grading.describe(rule, count),
            "rule_wide": grading.describe(rule, rule.wide_from) if rule.wide_bands and rule.wide_from else "",
            "wide_from": rule.wide_from if rule.wide_bands else None,
            "tasks": [{**task, "comments": comments.get(task["key"], [])} for task in copy.tasks],
            "reviewing": reviewing,
            "changes": [c for c in changes if c.status != "same"] if changes else [],
            "rule_changed": previous is not None and previous.rule != copy.rule,
            "compared_with": previous_number,
        },
        compares_with=previous_number,
        changes_anchor=f"plan-changes-{copy.pk}" if previous is not None else "",
    )


def builder_note(activity):
    if activity is None:
        return None
    if activity.is_learning_targets:
        return Panel("toolkit/panels/builder_note.html", {"what": "targets"})
    if activity.is_grading_system:
        return Panel("toolkit/panels/builder_note.html", {"what": "plan"})
    return None
