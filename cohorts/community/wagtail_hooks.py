"""Admins edit each program's community topics."""

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet

from pd_platform.office_snippets import OfficeSnippetViewSet

from .models import Topic


class TopicViewSet(OfficeSnippetViewSet):
    model = Topic
    icon = "group"
    menu_label = "Community topics"
    menu_order = 236
    add_to_admin_menu = True
    list_display = ["title", "program", "sort_order"]
    panels = [
        PageChooserPanel("program", ["modules.CoursePage", "modules.WorkshopSeriesPage"]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]


register_snippet(TopicViewSet)
