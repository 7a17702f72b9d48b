from django import template

from pd_platform import district_panels

register = template.Library()


@register.simple_tag
def district_pages(district):
    """[(title, url, summary)] of the pages other rooms add to a district's workspace."""
    return [(panel.title, panel.url(district), panel.summary) for panel in district_panels.panels()]
