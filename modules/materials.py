"""What a page's ``body`` holds, read without rendering it: each item's id, kind, title and
minutes, and the page's total time. Pure functions over the StreamField value."""

from dataclasses import dataclass

from .blocks import MARKABLE_KINDS


@dataclass(frozen=True)
class Material:
    id: str
    kind: str
    title: str
    minutes: int
    markable: bool
    activity_key: str = ""


def _title(kind, value):
    if kind == "section":
        return value.get("heading") or "Text"
    if kind in ("reading", "video", "handout"):
        return value.get("title") or kind.title()
    if kind == "image":
        return value.get("caption") or value.get("alt_text") or "Image"
    if kind == "activity":
        return value.get("activity_key") or "Activity"
    return kind.title()


def materials_of(body):
    """The items of a body in order (quotes and callouts are part of the text, not items).

    Reads the stored (raw) data, so no document or image is fetched to list them."""
    items = []
    for block in body.raw_data if body else []:
        kind, value = block["type"], block.get("value") or {}
        if kind in ("quote", "callout"):
            continue
        items.append(
            Material(
                id=str(block.get("id")),
                kind=kind,
                title=_title(kind, value),
                minutes=int(value.get("minutes") or 0),
                markable=kind in MARKABLE_KINDS,
                activity_key=value.get("activity_key", "") if kind == "activity" else "",
            )
        )
    return items


def total_minutes(body):
    return sum(item.minutes for item in materials_of(body))


def hours_and_minutes(minutes):
    """'4 h 30 min', '45 min', '2 h' for a number of minutes."""
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"
