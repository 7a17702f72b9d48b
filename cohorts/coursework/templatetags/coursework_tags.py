from django import template

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
