"""The program office sets each program's at-risk thresholds."""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet

from pd_platform.office_snippets import OfficeSnippetViewSet

from .models import HealthThresholds


class HealthThresholdsViewSet(OfficeSnippetViewSet):
    model = HealthThresholds
    icon = "warning"
    menu_label = "Health thresholds"
    menu_order = 235
    add_to_admin_menu = True
    list_display = ["program", "idle_days", "revision_waiting_days", "missed_sessions"]
    panels = [
        PageChooserPanel("program", ["modules.CoursePage", "modules.WorkshopSeriesPage"]),
        MultiFieldPanel(
            [FieldPanel("idle_days"), FieldPanel("revision_waiting_days"), FieldPanel("missed_sessions")],
            heading="When a participant is flagged on the cohort health page",
        ),
    ]


register_snippet(HealthThresholdsViewSet)
