from django import template

from cohorts.registration.deadlines import local_text

register = template.Library()


@register.filter
def in_zone(moment, time_zone):
    """A deadline in the cohort's time zone, with the weekday."""
    return local_text(moment, time_zone) if moment else ""


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
