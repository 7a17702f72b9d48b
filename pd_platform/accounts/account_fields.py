"""Facts about a person that a higher room keeps (their district): shown read-only on the person's profile,
with how the platform knows them, and set by the program office on the admin's user forms.

The person cannot type them: the profile form has no field for them. Apps register in their
``AppConfig.ready``, so ``pd_platform`` shows and saves them without importing the apps.
"""

from dataclasses import dataclass

from django.db.models import F


@dataclass(frozen=True)
class Shown:
    label: str
    value: str  # empty when the platform does not know it
    how: str  # how it is known, or how it can become known


@dataclass(frozen=True)
class AccountField:
    name: str  # the field's name on the admin's user forms
    label: str
    shown: object  # (user) -> Shown, for the person's profile, in a fixed number of queries
    form_field: object  # (user or None) -> a form field for the admin's user forms, its initial value set
    save: object  # (user, value, by) -> None: the office's choice, through the app's own service
    order: int = 100
    list_path: str = ""  # where a list of people reads it in the same query (an ORM path from the user)


_registry: dict[str, AccountField] = {}


def register(name, label, shown, form_field, save, order=100, list_path=""):
    _registry[name] = AccountField(name, label, shown, form_field, save, order, list_path)


def registered():
    return sorted(_registry.values(), key=lambda f: (f.order, f.name))


def shown_to(user):
    """What the person's profile says about each, read-only."""
    return [field.shown(user) for field in registered()]


def add_to_form(form, user):
    """The office's fields on an admin user form (``user`` is None on the add form)."""
    for field in registered():
        form.fields[field.name] = field.form_field(user)
    form.account_field_names = [field.name for field in registered()]


def save_from_form(form, user, by):
    """What the office changed on the form, saved through each app's service."""
    for field in registered():
        if field.name in form.changed_data:
            field.save(user, form.cleaned_data[field.name], by)


def annotate(users):
    """A queryset of people with each field's value for a list (the people list's downloads), in its query."""
    paths = {f"account_{f.name}": F(f.list_path) for f in registered() if f.list_path}
    return users.annotate(**paths) if paths else users


def listed(user, name):
    """The value ``annotate`` read for this person, or empty."""
    return getattr(user, f"account_{name}", None) or ""
