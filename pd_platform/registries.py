"""Where the registries ``pd_platform`` keeps are filled from.

``pd_platform`` imports no room, yet shows what the rooms above it contribute: navigation links, home cards,
district panels (``district_panels``: what a coordinator opens, and who may open a district),
to-dos, course links, next steps, session dates, landings (``homes``), reminder kinds (``reminders``), a
person's data (``personal_data``), whose kept pages a write can show (``page_cache``), follow-ups of a change
(``follow_ups``), background exports (``exports``), certificate holds, gradebook columns, revision panels. Each room registers its entries at
import, in the module that defines them, under one of the names below; ``discover`` imports those modules of
the project's apps, once, when the apps are ready. A registry keys its entries, so importing twice adds none.
"""

from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule

MODULES = (
    "personal_data",  # what a room holds about a person: export and erasure
    "page_scopes",  # whose kept pages a write to a room's models can show
    "home",  # navigation, home cards, to-dos, course links, next steps, and what the pages of others show
    "reminders",  # reminder kinds
    "tasks",  # follow-ups: tasks owed after a change in a lower room
    "exports",  # files built in the background (``pd_platform.exports``)
)

_discovered: list[bool] = []


def project_apps():
    """The project's own apps (not Django's, Wagtail's or other libraries', whose ``tasks`` are not ours)."""
    root = Path(settings.BASE_DIR).resolve()
    return [
        app
        for app in apps.get_app_configs()
        if root in Path(app.path).resolve().parents and "site-packages" not in Path(app.path).parts
    ]


def discover():
    if _discovered:
        return
    for app in project_apps():
        for name in MODULES:
            if module_has_submodule(app.module, name):
                import_module(f"{app.name}.{name}")
    _discovered.append(True)
