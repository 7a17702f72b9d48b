from django import template

from cohorts.registration.deadlines import local_text

register = template.Library()


@register.filter
def in_zone(moment, time_zone):
    """A deadline in the cohort's time zone, with the weekday."""
    return local_text(moment, time_zone) if moment else ""
