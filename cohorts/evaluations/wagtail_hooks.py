"""Admins edit each program's evaluation and check-in: the questions, whether the certificate
waits for the evaluation, whether results are anonymous, the check-in days."""

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet

from pd_platform.office_snippets import OfficeSnippetViewSet

from .models import Survey


class SurveyViewSet(OfficeSnippetViewSet):
    model = Survey
    icon = "list-ul"
    menu_label = "Evaluations"
    menu_order = 235
    add_to_admin_menu = True
    list_display = ["title", "program", "kind", "required_for_certificate"]
    panels = [
        PageChooserPanel("program", ["modules.CoursePage", "modules.WorkshopSeriesPage"]),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("required_for_certificate"), FieldPanel("anonymous_results"), FieldPanel("checkin_days")],
            heading="Rules",
        ),
        InlinePanel(
            "questions",
            heading="Questions",
            panels=[FieldPanel("key"), FieldPanel("kind"), FieldPanel("text"), FieldPanel("required")],
        ),
    ]


register_snippet(SurveyViewSet)
