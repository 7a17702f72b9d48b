"""Every date anyone types, in any form of the platform, lies in the planning years 2000-2100
(``pd_platform.dates``): a far date (9999-12-31 23:30) or an old one (1900-01-01) is a form
error with one clear message, never a row that later breaks the pages that show it.

The walk finds the forms itself: every Django form class defined in our packages (each module
imported) and the Wagtail admin's form for every page type, snippet and setting. A new form
with an unbounded date or date-and-time field fails here."""

import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

from pd_platform.dates import MESSAGE, PlanningDateField

pytestmark = pytest.mark.django_db

PACKAGES = ["pd_platform", "modules", "cohorts", "certificates", "content"]

# For each kind of field: what must be refused (far, old) and what must still be taken.
SAMPLES = {
    forms.DateField: (["9999-12-31", "1900-01-01"], "2030-06-14"),
    forms.DateTimeField: (["9999-12-31 23:30", "1900-01-01 00:00"], "2030-06-14 16:00"),
    forms.SplitDateTimeField: ([["9999-12-31", "23:30"], ["1900-01-01", "00:00"]], ["2030-06-14", "16:00"]),
}
# A time of day alone cannot overflow (it never leaves 00:00-23:59); a date with it is bounded.


def import_every_module():
    for package in PACKAGES:
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def django_forms():
    import_every_module()
    return {
        f"{cls.__module__}.{cls.__qualname__}": cls
        for cls in subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in PACKAGES
    }


def wagtail_forms():
    found = {}
    for model in get_page_models():
        found[f"page {model._meta.label}"] = model.get_edit_handler().get_form_class()
    for model in get_snippet_models():
        found[f"snippet {model._meta.label}"] = model.snippet_viewset.get_edit_handler().get_form_class()
    for model in settings_registry:
        found[f"setting {model._meta.label}"] = get_setting_edit_handler(model).get_form_class()
    return found


def fields_of(form_class):
    """The declared fields, and those a form adds as it is made, where it can be made bare."""
    fields = dict(form_class.base_fields)
    try:
        fields.update(form_class().fields)
    except Exception:  # noqa: BLE001 (a form that needs arguments to be made shows its declared fields)
        pass
    return fields


def unbounded_fields(form_class):
    """What is wrong with the form's date fields: a far or old date taken, another message, a
    sensible date refused."""
    problems = []
    for name, field in fields_of(form_class).items():
        kind = next((kind for kind in SAMPLES if isinstance(field, kind)), None)
        if kind is None:
            continue
        refused, taken = SAMPLES[kind]
        for value in refused:
            try:
                field.clean(value)
            except ValidationError as error:
                if MESSAGE not in error.messages:
                    problems.append(f"{name}: {value} refused with {error.messages}, not {MESSAGE!r}")
            else:
                problems.append(f"{name}: takes {value}")
        try:
            field.clean(taken)
        except ValidationError as error:
            problems.append(f"{name}: refuses {taken}: {error.messages}")
    return problems


@pytest.fixture(scope="module")
def every_form(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return {**django_forms(), **wagtail_forms()}


def test_every_date_in_every_form_is_within_the_planning_years(every_form):
    offenders = {name: problems for name, form in every_form.items() if (problems := unbounded_fields(form))}
    assert offenders == {}


def test_the_walk_reaches_the_forms_with_dates(every_form):
    """The forms people type dates into, each of them found (the walk is not walking nothing)."""
    with_dates = {
        name
        for name, form in every_form.items()
        if any(isinstance(field, tuple(SAMPLES)) for field in fields_of(form).values())
    }
    assert {
        "cohorts.workshops.office_hours_views.ScheduleOfficeHoursForm",
        "cohorts.workshops.forms.SessionForm",
        "cohorts.workshops.forms.ScheduleSessionsForm",
        "cohorts.coursework.forms.FollowUpForm",
        "certificates.forms.SiteCohortRequestForm",
        "cohorts.hours.forms.ReportFilterForm",
        "snippet cohorts.Cohort",
        "snippet cohorts.ClosedDay",
        "page modules.ModulePage",  # go-live and expiry
        "page modules.CoursePage",
    } <= with_dates


class NewFormWithAPlainDate(forms.Form):
    due = forms.DateField()
    at = forms.DateTimeField()
    when = forms.SplitDateTimeField()
    starts = forms.TimeField()


class NewFormWithTheBound(forms.Form):
    due = PlanningDateField()


def test_a_form_left_unbounded_is_found():
    problems = unbounded_fields(NewFormWithAPlainDate)
    assert [p.split(":")[0] for p in problems] == ["due", "due", "at", "at", "when", "when"]
    assert unbounded_fields(NewFormWithTheBound) == []
