"""The set page's list of targets, one line each, written without the template engine's per-variable cost: at the
builder's maximum the list is 1,600 lines, and a line written by `format_html` costs a few microseconds where the
same line through template tags costs a hundred or more."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _line(row, base) -> SafeString:
    target = row.target
    if row.ok:
        return format_html(
            '<li class="ok" id="target-{}"><a href="{}target/{}/">{}</a> ✓ passes</li>',
            target.pk,
            base,
            target.pk,
            target.text,
        )
    if row.explained:
        checks = render_to_string("toolkit/_checks.html", {"row": row})
        return format_html(
            '<li id="target-{}"><a href="{}target/{}/">{}</a>{}</li>', target.pk, base, target.pk, target.text, checks
        )
    return format_html(
        '<li id="target-{}"><a href="{}target/{}/">{}</a> <span class="checks--short">Not yet: {}.</span></li>',
        target.pk,
        base,
        target.pk,
        target.text,
        ", ".join(row.failed_labels),
    )


@register.simple_tag
def target_lines(rows, base=""):
    """Each target of a standard as a list item: its text, a link to its own page, and its mark: passes, what its
    failed checks found with a rewrite (the first failing ones of the set), or which checks it fails."""
    if not rows:
        return mark_safe("<li>No targets under this yet.</li>")
    return mark_safe("\n".join(_line(row, base) for row in rows))
