"""The one bound on every date people type: the years 2000 to 2100.

A program office plans within a lifetime; 9999-12-31 23:30 in Los Angeles is already past the
year 9999 in UTC, which Python cannot hold (adding a day, a duration or a time zone overflows)
and which PostgreSQL stores but psycopg cannot read back, so every page that lists the row
fails until it is deleted by hand. So every form field that takes a date or a date and time
refuses what lies outside these years with one message:

- ``within_planning_years``, the validator, on model fields people fill in (it runs in
  ``full_clean`` and in every ModelForm) and on the form fields below;
- ``PlanningDateField`` and ``PlanningDateTimeField`` for Django forms (the browser's date
  picker is limited to the same years);
- ``bound_wagtail_admin_forms``: the Wagtail admin builds its forms with these fields for every
  model date and date-and-time field, its own included (a page's go-live and expiry);
- ``planning_date`` for management commands' date arguments.

A row stored before the bound (or by hand) is left out of what pages read with ``shown``.
"""

import argparse
from datetime import UTC, date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

FIRST_YEAR, LAST_YEAR = 2000, 2100
FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
MESSAGE = f"Give a date between the years {FIRST_YEAR} and {LAST_YEAR}."

# Every moment of those years in any time zone (UTC-12 to UTC+14) falls between these, with a
# day to spare either side: a page can convert it to any zone and add a day or a year to it.
# (As text, SQLite's form of a moment, a year past 9999 sorts before the first of them.)
FIRST_MOMENT = datetime(FIRST_YEAR - 1, 12, 30, tzinfo=UTC)
LAST_MOMENT = datetime(LAST_YEAR + 1, 1, 3, tzinfo=UTC)


def within_planning_years(value):
    """A date, or a date and time (the year as given, in its own time zone), in 2000-2100."""
    if value is None:
        return
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(MESSAGE, code="outside_planning_years")


class PlanningDateField(forms.DateField):
    default_validators = [within_planning_years]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if getattr(widget, "input_type", None) == "date":
            attrs.update(min=FIRST_DAY.isoformat(), max=LAST_DAY.isoformat())
        return attrs


class PlanningDateTimeField(forms.DateTimeField):
    default_validators = [within_planning_years]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if getattr(widget, "input_type", None) == "datetime-local":
            attrs.update(min=f"{FIRST_DAY.isoformat()}T00:00", max=f"{LAST_DAY.isoformat()}T23:59")
        return attrs


def bound_wagtail_admin_forms():
    """Every Wagtail admin form (snippets, pages, settings) builds its date and date-and-time
    fields as the planning fields, keeping Wagtail's own pickers. Called once, at start-up."""
    from django.db import models
    from wagtail.admin import widgets
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(
        models.DateField, override={"form_class": PlanningDateField, "widget": widgets.AdminDateInput}
    )
    register_form_field_override(
        models.DateTimeField, override={"form_class": PlanningDateTimeField, "widget": widgets.AdminDateTimeInput}
    )


def shown(lookup):
    """Rows whose moment (``lookup``, a date-and-time field) a page can show: the planning
    years in any time zone. A row outside them (stored before the bound, or by hand) is left out."""
    return Q(**{f"{lookup}__gte": FIRST_MOMENT, f"{lookup}__lt": LAST_MOMENT})


def planning_date(text):
    """A command-line date (YYYY-MM-DD) within the planning years (an ``argparse`` type)."""
    try:
        value = date.fromisoformat(text)
        within_planning_years(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date such as 2030-01-31.') from None
    except ValidationError:
        raise argparse.ArgumentTypeError(MESSAGE) from None
    return value
