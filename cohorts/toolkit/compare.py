"""What changed between two submitted copies, item by item: the targets of a set, or the tasks
of a plan, with the words changed inside a rewritten item. Pure: works on the copies' data
(items keep their key across revisions)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from cohorts.coursework.diff import STEP_BUDGET, compare

Items = dict[str, tuple[str, str]]  # key -> (text, group), in order
Runs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ItemChange:
    key: str
    status: str  # added, removed, changed, moved, same
    text: str
    before: str = ""
    group: str = ""  # the standard a target is under now (or was, if removed)
    words: Runs = ()  # a rewritten item: (op, text) runs from ``before`` to ``text``, op same, added or removed


def _changes(before: Items, after: Items) -> list[ItemChange]:
    """before, after: {key: (text, group)} in order."""
    changes = []
    for key, (text, group) in after.items():
        if key not in before:
            changes.append(ItemChange(key, "added", text, group=group))
        elif before[key][0] != text:
            changes.append(ItemChange(key, "changed", text, before=before[key][0], group=group))
        elif before[key][1] != group:
            changes.append(ItemChange(key, "moved", text, before=before[key][1], group=group))
        else:
            changes.append(ItemChange(key, "same", text, group=group))
    changes.extend(
        ItemChange(key, "removed", text, group=group) for key, (text, group) in before.items() if key not in after
    )
    return _with_words(changes)


def _with_words(changes: list[ItemChange]) -> list[ItemChange]:
    """The words changed inside each rewritten item. The comparisons share one step budget, so a
    set of thousands of rewritten targets costs what one long revision does."""
    rewritten = sum(1 for change in changes if change.status == "changed")
    if not rewritten:
        return changes
    budget = max(1, STEP_BUDGET // rewritten)
    return [
        replace(change, words=tuple(compare(change.before, change.text, budget=budget).ops))
        if change.status == "changed"
        else change
        for change in changes
    ]


def _targets(groups: Iterable[Mapping[str, Any]] | None) -> Items:
    found: Items = {}
    for group in groups or []:
        label = f"{group.get('code', '')} {group['text']}".strip()
        for target in group["targets"]:
            found[target["key"]] = (target["text"], label)
    return found


def compare_sets(
    before_groups: Iterable[Mapping[str, Any]] | None, after_groups: Iterable[Mapping[str, Any]] | None
) -> list[ItemChange]:
    """Every target of either copy of a set: in the new copy's order, then the ones removed."""
    return _changes(_targets(before_groups), _targets(after_groups))


def compare_items(
    before_items: Iterable[Mapping[str, Any]] | None, after_items: Iterable[Mapping[str, Any]] | None, field: str
) -> list[ItemChange]:
    """The same for a flat list of items (a plan's tasks), by the text in ``field``."""
    return _changes(
        {item["key"]: (item[field], "") for item in before_items or []},
        {item["key"]: (item[field], "") for item in after_items or []},
    )


def summary(changes: Iterable[ItemChange]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.status] = counts.get(change.status, 0) + 1
    return counts
