"""The program office sets each program's reminder rules and reads what went out."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cohorts.registration.models import Cohort
from pd_platform import reminders as registry
from pd_platform.office_snippets import OfficeSnippetViewSet

from .models import ReminderRules, ReminderSent


class ReminderRulesViewSet(OfficeSnippetViewSet):
    model = ReminderRules
    icon = "cog"
    menu_label = "Rules per program"
    list_display = ["program", "pacing_idle_days", "revision_waiting_days", "certificate_gap"]
    panels = [
        PageChooserPanel("program", ["modules.CoursePage", "modules.WorkshopSeriesPage"]),
        MultiFieldPanel(
            [
                FieldPanel("purchase_order_warning_days"),
                FieldPanel("pacing_idle_days"),
                FieldPanel("revision_waiting_days"),
                FieldPanel("certificate_gap"),
                FieldPanel("digest_waiting_days"),
            ],
            heading="When reminders go out (business days: weekends, holidays and closed days do not count)",
        ),
    ]


def _kind_choices():
    return [(kind.key, kind.label) for kind in registry.kinds()]


class ReminderLogFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=_kind_choices, label="Kind")
    cohort = django_filters.ModelChoiceFilter(
        queryset=Cohort.objects.select_related("program").order_by("-start_date"), label="Cohort"
    )
    sent_at = django_filters.DateFromToRangeFilter(label="Sent between")

    class Meta:
        model = ReminderSent
        fields = ["kind", "cohort", "sent_at"]


class ReminderLogViewSet(OfficeSnippetViewSet):
    model = ReminderSent
    icon = "mail"
    menu_label = "Sent"
    list_display = ["sent_at", "kind", "recipient", "subject", "cohort"]
    filterset_class = ReminderLogFilterSet
    search_fields = None
    inspect_view_enabled = True
    list_per_page = 50

    def get_queryset(self, request):
        return ReminderSent.objects.select_related("recipient", "cohort__program")


class RemindersGroup(SnippetViewSetGroup):
    menu_label = "Reminders"
    menu_icon = "mail"
    menu_order = 230
    items = (ReminderLogViewSet, ReminderRulesViewSet)


register_snippet(RemindersGroup)
