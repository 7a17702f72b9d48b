"""What changed between two submitted copies of a target set, target by target. Pure: works on
the copies' ``groups`` data (targets keep their key from the builder across revisions)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TargetChange:
    key: str
    status: str  # added, removed, changed, moved, same
    text: str
    before: str = ""
    group: str = ""  # the standard it is under now (or was, if removed)


def _index(groups):
    found = {}
    for group in groups or []:
        label = f"{group.get('code', '')} {group['text']}".strip()
        for target in group["targets"]:
            found[target["key"]] = (target["text"], label)
    return found


def compare_sets(before_groups, after_groups):
    """Every target of either copy: in the new copy's order, then the ones removed."""
    before, after = _index(before_groups), _index(after_groups)
    changes = []
    for key, (text, group) in after.items():
        if key not in before:
            changes.append(TargetChange(key, "added", text, group=group))
        elif before[key][0] != text:
            changes.append(TargetChange(key, "changed", text, before=before[key][0], group=group))
        elif before[key][1] != group:
            changes.append(TargetChange(key, "moved", text, before=before[key][1], group=group))
        else:
            changes.append(TargetChange(key, "same", text, group=group))
    changes.extend(
        TargetChange(key, "removed", text, group=group) for key, (text, group) in before.items() if key not in after
    )
    return changes


def summary(changes):
    counts = {}
    for change in changes:
        counts[change.status] = counts.get(change.status, 0) + 1
    return counts
