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


@dataclass(frozen=True)
class BlockRow:
    """One block of a body as the page lists it, read from the stored data (nothing fetched)."""

    id: str
    type: str
    label: str
    value: dict  # the stored value: an activity link is drawn from it for each person


def block_rows(body):
    labels = {name: child.meta.label for name, child in body.stream_block.child_blocks.items()} if body else {}
    return [
        BlockRow(
            str(block.get("id")), block["type"], labels.get(block["type"], block["type"]), block.get("value") or {}
        )
        for block in (body.raw_data if body else [])
    ]


CACHE_SECONDS = 3600  # a replaced document or image shows within the hour; a publish at once


def rendered_blocks(page, preview=False):
    """block id -> the HTML of each block that is the same for everyone (all but the activity
    links, which carry the person's status), rendered once per published revision of the page.

    The cache key holds the live revision, so publishing again renders anew; a preview or a
    page that is not live is rendered each time, never cached."""
    from django.core.cache import cache

    cacheable = page.live and page.live_revision_id and not preview
    key = f"materials:{page.pk}:{page.live_revision_id}"
    if cacheable:
        found = cache.get(key)
        if found is not None:
            return found
    html = {
        str(child.id): child.render(context={"block_id": child.id})
        for child in page.body
        if child.block_type != "activity"
    }
    if cacheable:
        cache.set(key, html, CACHE_SECONDS)
    return html
