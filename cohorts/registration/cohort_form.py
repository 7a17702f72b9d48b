"""The program office's cohort form (Wagtail admin): facilitators chosen among the people who hold the
Facilitator role, the fee taken from the program's latest cohort unless given, the time zone from a list."""

from zoneinfo import available_timezones

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from pd_platform.accounts import roles

from .models import Cohort

# Where the program's districts are: first in the list, named as people say them.
US_ZONES = [
    ("America/New_York", "Eastern time (New York)"),
    ("America/Chicago", "Central time (Chicago)"),
    ("America/Denver", "Mountain time (Denver)"),
    ("America/Phoenix", "Arizona, no daylight saving (Phoenix)"),
    ("America/Los_Angeles", "Pacific time (Los Angeles)"),
    ("America/Anchorage", "Alaska time (Anchorage)"),
    ("Pacific/Honolulu", "Hawaii time (Honolulu)"),
]


def time_zone_choices():
    us = {zone for zone, _ in US_ZONES}
    rest = sorted(available_timezones() - us)
    return [("United States", US_ZONES), ("Every time zone", [(zone, zone.replace("_", " ")) for zone in rest])]


def latest_fees():
    """Each program's usual fee: what its latest public cohort charges ({program id: fee}, one query). A site
    cohort (private) is run by a district's own trainer and is no guide."""
    fees = {}
    for program_id, fee in (
        Cohort.objects.filter(private=False)
        .order_by("program_id", "-start_date", "-pk")
        .values_list("program_id", "fee")
    ):
        fees.setdefault(program_id, fee)
    return fees


class FacilitatorChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class FilteredCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with a search box above them (``js/filter-choices.js``): a long list stays usable."""

    class Media:
        js = ["js/filter-choices.js"]

    def __init__(self, attrs=None, search_label="Find"):
        super().__init__({**(attrs or {}), "data-filter-choices": search_label})


class CohortForm(WagtailAdminModelForm):
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=time_zone_choices,
        error_messages={"invalid_choice": "'%(value)s' is not a time zone name such as America/Los_Angeles."},
        help_text="Deadlines and session times are shown in it.",
    )
    fee = forms.DecimalField(
        label="Fee",
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text="Registration fee in US dollars. Leave it empty for the program's usual fee: what its latest "
        "public cohort charges.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.instance.facilitators.all() if self.instance.pk else get_user_model().objects.none()
        self.fields["facilitators"] = FacilitatorChoice(
            label="Facilitators",
            required=False,
            queryset=get_user_model()
            .objects.filter(Q(groups__name=roles.FACILITATOR) | Q(pk__in=chosen.values("pk")))
            .distinct()
            .order_by("full_name", "email"),
            widget=FilteredCheckboxes(search_label="Find a facilitator by name or e-mail"),
            help_text="People who hold the Facilitator role (give it under Users). They review this cohort's work.",
        )
        if not self.instance.pk:
            self.initial["fee"] = None
        usual = latest_fees()
        if usual:
            named = dict(Cohort.program.field.related_model.objects.filter(pk__in=usual).values_list("pk", "title"))
            self.fields["fee"].help_text += (
                " Now: " + "; ".join(f"{named[pk]}, ${fee}" for pk, fee in usual.items() if pk in named) + "."
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fee") is None and cleaned.get("program"):
            fee = (
                Cohort.objects.filter(program=cleaned["program"], private=False)
                .exclude(pk=self.instance.pk)
                .order_by("-start_date", "-pk")
                .values_list("fee", flat=True)
                .first()
            )
            if fee is None:
                self.add_error("fee", "Give the fee: this program has no cohort yet to take it from.")
            else:
                cleaned["fee"] = fee
                self.instance.fee = fee
        return cleaned
