"""The toolkit's panels on coursework's pages (``pd_platform.revision_panels``): an attached
target set with its checks and the feedback on each target, what changed since the revision
before, and a pointer to the builder above a learning-targets assignment."""

from pd_platform.revision_panels import Panel

from . import goldilocks
from .compare import compare_sets, summary
from .selectors import attached_sets, target_rules


def target_set_panels(activity, revisions, viewer, reviewing):
    if activity is None or not activity.is_learning_targets or not revisions:
        return {}
    attached = attached_sets([revision.pk for revision in revisions])
    if not attached:
        return {}
    rules = target_rules()
    panels = {}
    ordered = sorted(revisions, key=lambda revision: revision.number)
    previous, previous_number = None, None
    for revision in ordered:
        copy = attached.get(revision.pk)
        if copy is None:
            continue
        comments = {}
        for comment in copy.comments.all():
            comments.setdefault(comment.target_key, []).append(comment)
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
        panels[revision.pk] = Panel(
            "toolkit/panels/attached_set.html",
            {
                "copy": copy,
                "groups": groups,
                "reviewing": reviewing,
                "changes": [c for c in changes if c.status != "same"] if changes else [],
                "counts": summary(changes) if changes else {},
                "compared_with": previous_number,
            },
        )
        previous, previous_number = copy, revision.number
    return panels


def builder_note(activity):
    if activity is None or not activity.is_learning_targets:
        return None
    return Panel("toolkit/panels/builder_note.html", {})
