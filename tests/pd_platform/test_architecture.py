"""Imports point down a graph, not a line (DESIGN.md, "Rooms and who may import whom"):

- ``pd_platform`` imports no room (``modules`` included); ``modules`` imports only ``pd_platform``;
  every domain room may use both.
- The spine: ``registration`` -> ``coursework`` -> ``workshops`` -> ``hours`` -> ``certificates`` ->
  ``evaluations``; each may import the spine rooms before it.
- Side rooms hang off the spine: ``reminders``, ``community``, ``toolkit``, ``lti``. Each may import the
  spine rooms it names below, and no other side room.
- ``content`` (the loader and the demo) may use every room.

``ALLOWED`` holds the rooms each room may import; an import of any other room fails. A new side room is one
line: ``"cohorts.<name>": side_room("cohorts.registration", ...)``. A lower room tells a higher one what
happened through a signal or a task named by string, and shows what higher rooms contribute through the
registries in ``pd_platform``.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SPINE = [
    "cohorts.registration",
    "cohorts.coursework",
    "cohorts.workshops",
    "cohorts.hours",
    "certificates",
    "cohorts.evaluations",
]
BASE = {"modules", "pd_platform"}  # what every domain room may use


def spine_room(room):
    """A spine room: the base and the spine rooms before it."""
    return BASE | set(SPINE[: SPINE.index(room)])


def side_room(*spine_rooms):
    """A side room: the base and the spine rooms it needs (never another side room)."""
    assert set(spine_rooms) <= set(SPINE), spine_rooms
    return BASE | set(spine_rooms)


ALLOWED = {
    "pd_platform": set(),
    "modules": {"pd_platform"},
    **{room: spine_room(room) for room in SPINE},
    "cohorts.reminders": side_room("cohorts.registration"),
    "cohorts.community": side_room("cohorts.registration", "cohorts.coursework"),
    "cohorts.toolkit": side_room("cohorts.registration", "cohorts.coursework"),
    "cohorts.lti": side_room("cohorts.registration", "cohorts.coursework"),
    "cohorts.health": side_room(
        "cohorts.registration", "cohorts.coursework", "cohorts.workshops", "cohorts.evaluations"
    ),
    "cohorts.impact": side_room("cohorts.registration", "cohorts.coursework", "certificates", "cohorts.evaluations"),
    "cohorts.districts": side_room("cohorts.registration", "cohorts.coursework", "cohorts.hours", "certificates"),
    "content": None,  # every room; filled in below
}
ALLOWED["content"] = set(ALLOWED) - {"content"}


def folder(room):
    return ROOT / room.replace(".", "/")


def room_of(module):
    """The room a dotted module name belongs to, or None (Django, Wagtail, the standard library ...)."""
    return next((room for room in ALLOWED if module == room or module.startswith(room + ".")), None)


def imports_in(room):
    """(path, module) for every import in the room's code, migrations included."""
    for path in folder(room).rglob("*.py"):
        for match in re.finditer(r"^\s*(?:from|import)\s+([\w.]+)", path.read_text(), re.MULTILINE):
            yield path.relative_to(ROOT), match.group(1)


@pytest.mark.parametrize("room", ALLOWED)
def test_a_room_imports_only_the_rooms_it_may(room):
    offenders = [
        f"{path}: imports {module}"
        for path, module in imports_in(room)
        if room_of(module) not in {None, room, *ALLOWED[room]}
    ]
    assert offenders == []


def test_no_two_rooms_may_import_each_other_and_side_rooms_stay_apart():
    side = {room for room in ALLOWED if room not in SPINE and room not in BASE and room != "content"}
    assert all(not (ALLOWED[room] & side) for room in ALLOWED if room != "content")
    for room, allowed in ALLOWED.items():
        assert all(room not in ALLOWED[other] for other in allowed), room


def test_every_room_is_in_the_graph():
    """A new cohort app is not left out of the check: each package under ``cohorts/`` has its line."""
    packages = {f"cohorts.{path.parent.name}" for path in (ROOT / "cohorts").glob("*/__init__.py")}
    assert packages - set(ALLOWED) == set()


def test_the_cohort_apps_are_imported_by_their_full_names():
    """``cohorts`` is a package of apps, not an app: nothing imports from ``cohorts.<module>``
    that is not one of them."""
    apps = {room.split(".")[1] for room in ALLOWED if room.startswith("cohorts.")}
    offenders = [
        f"{path}: imports {module}"
        for room in ALLOWED
        for path, module in imports_in(room)
        if module.startswith("cohorts.") and module.split(".")[1] not in apps
    ]
    assert offenders == []


def python_lines(room):
    return sum(
        len(path.read_text().splitlines()) for path in folder(room).rglob("*.py") if "migrations" not in path.parts
    )


def test_no_app_holds_more_than_30_percent_of_the_code():
    sizes = {room: python_lines(room) for room in ALLOWED}
    total = sum(sizes.values())
    too_big = {room: f"{100 * lines / total:.0f}%" for room, lines in sizes.items() if lines > 0.30 * total}
    assert too_big == {}, sizes
