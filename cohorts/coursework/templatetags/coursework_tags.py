from django import template
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def waiting(since, now):
    """How long something has waited, in the unit a reviewer thinks in."""
    if not since:
        return "—"
    minutes = int((now - since).total_seconds() // 60)
    if minutes < 60:
        return f"waiting {minutes} minute{'s' if minutes != 1 else ''}"
    hours = minutes // 60
    if hours < 48:
        return f"waiting {hours} hour{'s' if hours != 1 else ''}"
    return f"waiting {hours // 24} days"


@register.simple_tag
def reply_token(form, post):
    """The one-time token of the reply form under ``post``."""
    return form.reply_token(post)


# A gradebook of 200 participants has thousands of cells: each one is one of four fixed
# strings, joined here rather than rendered by the template language cell by cell.
# The letter is what the eye scans; a screen reader hears the word alone (a letter beside a hidden
# rest of the word is read as two words).
_LABELS = {
    "complete": ("C", "Complete"),
    "needs_revision": ("R", "Needs revision"),
    "submitted": ("S", "Submitted"),
    "missing": ("–", "Missing"),
}
_CONTENT = {
    status: f'<span aria-hidden="true">{letter}</span><span class="visually-hidden">{word}</span>'
    for status, (letter, word) in _LABELS.items()
}
_CELLS = {status: f'<td class="cell cell--{status}">{content}</td>' for status, content in _CONTENT.items()}
_MISSING = _CELLS.pop("missing")
# The same, each a link (to the submission's review, or the page where the column is recorded).
_LINKED = {
    status: f'<td class="cell cell--{status}"><a href="{{}}">{content}</a></td>' for status, content in _CONTENT.items()
}
_SENTINEL = 987654321


@register.filter
def gradebook_cells(statuses):
    """The row's cells, one per required activity, from the statuses (plain values, no user text)."""
    return mark_safe("".join(_CELLS.get(status, _MISSING) for status in statuses))


def _linked_cells(row, review_url, column_pages):
    """A cell per activity: a link to the submission's review, or for a column recorded on a page of
    its own (a workshop's attendance) to the person's row there; a missing submission is plain text."""
    cells = []
    for status, submission_id, page in zip(row.cells, row.submission_ids, column_pages, strict=True):
        if page:
            cells.append(_LINKED.get(status, _LINKED["missing"]).format(f"{page}#person-{row.enrollment.pk}"))
        elif submission_id and status in _CELLS:
            cells.append(_LINKED[status].format(review_url.replace(str(_SENTINEL), str(submission_id))))
        else:
            cells.append(_CELLS.get(status, _MISSING))
    return mark_safe("".join(cells))


@register.simple_tag
def gradebook_body(rows, column_pages):
    """Every participant's row: their name, their progress beside it, then a cell per required
    activity, each a link to what is behind it. ``column_pages``: a url or "" per activity."""
    review_url = reverse("coursework:review", args=[_SENTINEL])
    pages = [escape(page) if page else "" for page in column_pages]
    return format_html_join(
        "\n",
        '<tr><th scope="row">{}</th><td class="gradebook__progress">{}</td>{}</tr>',
        (
            (row.enrollment.user.full_name, _progress_cell(row.progress), _linked_cells(row, review_url, pages))
            for row in rows
        ),
    )


@register.filter
def options(choices):
    """<option>s from (value, label, selected) triples, escaped; one call for the whole list."""
    selected = mark_safe(" selected")
    return format_html_join(
        "", '<option value="{}"{}>{}</option>', ((value, selected if on else "", label) for value, label, on in choices)
    )


@register.filter
def links(pairs):
    """<li><a>s from (url, label) pairs, escaped; one call for the whole list."""
    return format_html_join("", '<li><a href="{}">{}</a></li>', pairs)


def _progress_cell(progress):
    if progress.met:
        return format_html('{} of {} <span class="ok">✓ met</span>', progress.complete, progress.required)
    return format_html("{} of {}, {} more needed", progress.complete, progress.required, progress.still_needed)
