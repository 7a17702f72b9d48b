"""Imports point down (DESIGN.md, "Rooms and who may import whom"):

    content -> lti -> toolkit -> evaluations -> certificates -> community -> reminders -> hours -> workshops -> coursework -> registration
        -> modules, pd_platform

A lower room tells a higher one what happened through a signal or a task named by string, and
shows what higher rooms contribute through the registries in ``pd_platform``.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Each room, lowest first, and the rooms above it (which it must not import).
ORDER = [
    ("pd_platform", "pd_platform"),
    ("modules", "modules"),
    ("cohorts/registration", "cohorts.registration"),
    ("cohorts/coursework", "cohorts.coursework"),
    ("cohorts/workshops", "cohorts.workshops"),
    ("cohorts/hours", "cohorts.hours"),
    ("cohorts/reminders", "cohorts.reminders"),
    ("cohorts/community", "cohorts.community"),
    ("certificates", "certificates"),
    ("cohorts/evaluations", "cohorts.evaluations"),
    ("cohorts/toolkit", "cohorts.toolkit"),
    ("cohorts/lti", "cohorts.lti"),
    ("content", "content"),
]
LOW_ROOMS = {"pd_platform", "modules"}  # they may not import each other's domain either


def higher_than(index):
    return [module for _, module in ORDER[index + 1 :] if module not in LOW_ROOMS]


def imports_in(folder):
    for path in (ROOT / folder).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for match in re.finditer(r"^\s*(?:from|import)\s+([\w.]+)", path.read_text(), re.MULTILINE):
            yield path.relative_to(ROOT), match.group(1)


@pytest.mark.parametrize("index", range(len(ORDER)), ids=[folder for folder, _ in ORDER])
def test_no_room_imports_a_room_above_it(index):
    folder, _ = ORDER[index]
    above = higher_than(index)
    offenders = [
        f"{path}: imports {module}"
        for path, module in imports_in(folder)
        if any(module == room or module.startswith(room + ".") for room in above)
    ]
    assert offenders == []


def test_the_cohort_apps_are_imported_by_their_full_names():
    """``cohorts`` is a package of apps, not an app: nothing imports from ``cohorts.<module>``
    that is not one of them."""
    apps = {
        "registration",
        "coursework",
        "workshops",
        "hours",
        "reminders",
        "community",
        "evaluations",
        "toolkit",
        "lti",
    }
    offenders = [
        f"{path}: imports {module}"
        for folder in ("pd_platform", "modules", "cohorts", "certificates", "content")
        for path, module in imports_in(folder)
        if module.startswith("cohorts.") and module.split(".")[1] not in apps
    ]
    assert offenders == []


def python_lines(folder):
    return sum(
        len(path.read_text().splitlines()) for path in (ROOT / folder).rglob("*.py") if "migrations" not in path.parts
    )


def test_no_app_holds_more_than_30_percent_of_the_code():
    apps = [folder for folder, _ in ORDER]
    sizes = {folder: python_lines(folder) for folder in apps}
    total = sum(sizes.values())
    too_big = {folder: f"{100 * lines / total:.0f}%" for folder, lines in sizes.items() if lines > 0.30 * total}
    assert too_big == {}, sizes
