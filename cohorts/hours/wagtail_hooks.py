"""The program office edits districts (contracted day, training rate) in the Wagtail admin."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import District


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = "Districts"
    menu_order = 225
    add_to_admin_menu = True
    list_display = ["name", "contract_start", "contract_end", "training_rate"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("contract_start"), FieldPanel("contract_end")]),
        FieldPanel("training_rate"),
    ]


register_snippet(DistrictViewSet)
