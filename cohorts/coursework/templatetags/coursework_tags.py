from django import template
from django.utils.html import format_html, format_html_join
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
_CELLS = {
    "complete": '<td class="cell cell--complete">C<span class="visually-hidden">omplete</span></td>',
    "needs_revision": '<td class="cell cell--needs_revision">R<span class="visually-hidden">: needs revision</span></td>',
    "submitted": '<td class="cell cell--submitted">S<span class="visually-hidden">ubmitted</span></td>',
}
_MISSING = '<td class="cell cell--missing">–<span class="visually-hidden">missing</span></td>'


@register.filter
def gradebook_cells(statuses):
    """The row's cells, one per required activity, from the statuses (plain values, no user text)."""
    return mark_safe("".join(_CELLS.get(status, _MISSING) for status in statuses))


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


@register.filter
def gradebook_rows(rows):
    """Every participant's row: their name, a cell per required activity, their progress."""
    return format_html_join(
        "\n",
        '<tr><th scope="row">{}</th>{}<td class="gradebook__progress">{}</td></tr>',
        ((row.enrollment.user.full_name, gradebook_cells(row.cells), _progress_cell(row.progress)) for row in rows),
    )


def _progress_cell(progress):
    if progress.met:
        return format_html('{} of {} <span class="ok">✓ met</span>', progress.complete, progress.required)
    return format_html("{} of {}, {} more needed", progress.complete, progress.required, progress.still_needed)
