"""Panels on the Wagtail admin's home: the program office's work, each from the app that
knows it (its ``wagtail_hooks`` adds a ``WorkPanel`` for admins). A panel is a heading, a
short list of items each with a link, a count of all, and what to say when there is none.
A ``FiguresPanel`` is no work waiting but how the work goes (e.g. feedback turnaround): a
sentence and small tables. ``AdminsOnlyMenuItem``: a menu entry only the program office sees."""

from dataclasses import dataclass
from types import SimpleNamespace

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .accounts import roles


@dataclass(frozen=True)
class WorkItem:
    text: str
    url: str = ""
    detail: str = ""


class WorkPanel(Component):
    template_name = "includes/admin_work_panel.html"

    def __init__(self, name, heading, items, total, empty, more_url="", more_label="", order=50, summary=""):
        self.summary = summary or (
            f"{total} in all" + (f"; the first {len(items)} below." if total > len(items) else ".")
        )
        self.name = name
        self.heading = heading
        self.items = items
        self.total = total
        self.empty = empty
        self.more_url = more_url
        self.more_label = more_label
        self.order = order

    def get_context_data(self, parent_context):
        return {"panel": self}


@dataclass(frozen=True)
class FiguresTable:
    caption: str
    columns: tuple  # headings; the first column heads each row
    rows: tuple  # tuples of cells, as text


class FiguresPanel(Component):
    template_name = "includes/admin_figures_panel.html"

    def __init__(self, name, heading, text, tables, empty, order=50):
        self.name = name
        self.heading = heading
        self.text = text
        self.tables = [table for table in tables if table.rows]
        self.empty = empty
        self.order = order

    def get_context_data(self, parent_context):
        return {"panel": self}


class AdminsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_admin(request.user)


def for_admins(request, panels, *built):
    """Add panels for the program office (admins) only."""
    if roles.is_admin(request.user):
        panels.extend(built)


def office_work(user):
    """Everything waiting for the program office, as the Wagtail admin's home shows it: the panels each app's
    ``construct_homepage_panels`` hook adds, in their order. The site's own dashboard shows the same."""
    from wagtail import hooks

    if not roles.is_admin(user):
        return []
    panels = []
    for add_panels in hooks.get_hooks("construct_homepage_panels"):
        add_panels(SimpleNamespace(user=user), panels)
    return sorted(
        (panel for panel in panels if isinstance(panel, WorkPanel | FiguresPanel)), key=lambda panel: panel.order
    )


def office_card(user):
    """The site dashboard's program-office card: the kinds of work waiting, first, those with nothing,
    then how the work goes (figures)."""
    panels = office_work(user)
    work = [panel for panel in panels if isinstance(panel, WorkPanel)]
    return {
        "waiting": [panel for panel in work if panel.total],
        "clear": [panel for panel in work if not panel.total],
        "figures": [panel for panel in panels if isinstance(panel, FiguresPanel)],
    }
