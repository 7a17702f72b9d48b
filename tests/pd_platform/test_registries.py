"""The registries pd_platform keeps are filled by the rooms, each in the module that defines its entries,
found once (pd_platform.registries): what a person sees comes in the order it always came, and finding the
modules again (or importing them again) adds nothing twice."""

import importlib
import sys

from modules import access as module_access
from pd_platform import (
    certificate_holds,
    exports,
    follow_ups,
    gradebook,
    homes,
    navigation,
    personal_data,
    registries,
    reminders,
    revision_panels,
)
from pd_platform.page_cache import pages, scopes, writes


def filled():
    """How many entries each registry holds, and which."""
    return {
        "navigation": sorted(navigation._registry),
        "home cards": sorted(homes._registry),
        "to-dos": sorted(homes._todo_providers),
        "course links": sorted(homes._course_providers),
        "landings": sorted(homes._landings),
        "session dates": sorted(homes._session_dates),
        "next steps": sorted(homes._next_step_providers),
        "reminder kinds": [kind.key for kind in reminders.kinds()],
        "personal data": [holder.name for holder in personal_data.holders()],
        "background exports": sorted(exports._registry),
        "page scopes": sorted(model._meta.label for model in writes._resolvers),
        "page scopes (links)": sorted(through._meta.label for through in writes._m2m_resolvers),
        "kept views": len(pages._views),
        "cohorts of a person": sorted(scopes._cohorts_of),
        "follow-ups": {event: list(names) for event, names in follow_ups._registry.items()},
        "certificate holds": sorted(certificate_holds._checks),
        "gradebook columns": sorted(gradebook._providers),
        "revision panels": sorted(revision_panels._providers),
        "staff links": sorted(module_access._staff_links),
        "own sessions": sorted(module_access._own_sessions),
    }


def discovered_modules():
    """The modules that register (not pd_platform's registries themselves, which share two of their names)."""
    registries_themselves = {
        "pd_platform.personal_data",
        "pd_platform.reminders",
        "pd_platform.tasks",
        "pd_platform.exports",
    }
    return [
        sys.modules[f"{app.name}.{name}"]
        for app in registries.project_apps()
        for name in registries.MODULES
        if f"{app.name}.{name}" in sys.modules and f"{app.name}.{name}" not in registries_themselves
    ]


def test_every_registry_is_filled_when_the_apps_are_ready():
    for registry, entries in filled().items():
        assert entries, f"nothing registered in {registry}"


def test_finding_the_modules_again_registers_nothing_twice():
    before = filled()
    registries._discovered.clear()
    registries.discover()
    for module in discovered_modules():
        if not module.__name__.endswith(".tasks"):  # Celery keeps a task's first callable: reloading adds nothing
            importlib.reload(module)
    assert filled() == before


def test_the_rooms_apps_ready_registers_nothing():
    """Each room's entries live beside their definitions; an app's ready keeps only its signal wiring."""
    import inspect

    for app in registries.project_apps():
        source = inspect.getsource(type(app))
        for registry in ("navigation.register", "homes.register", "personal_data.register", "page_cache.register"):
            assert registry not in source, f"{app.name}'s apps.py registers {registry}"


def test_each_room_registers_its_own_background_exports():
    """Who builds each file is the room that holds its data (pd_platform imports none of them)."""
    assert {kind: found.write.__module__ for kind, found in exports._registry.items()} == {
        "hours-xlsx": "cohorts.hours.exports",
        "hours-pdf": "cohorts.hours.exports",
        "gradebook-csv": "cohorts.coursework.exports",
        "evaluation-cohort-csv": "cohorts.evaluations.exports",
        "evaluation-facilitator-csv": "cohorts.evaluations.exports",
        "certificates-cohort-zip": "certificates.exports",
        "transcript-pdf": "certificates.exports",
        "personal-data-zip": "pd_platform.accounts.exports",
        "personal-data-desk-zip": "pd_platform.accounts.exports",
    }


def test_a_graduates_next_steps_come_before_the_courses():
    providers = [provider for _, provider in sorted(homes._next_step_providers.values(), key=lambda item: item[0])]
    assert [provider.__module__ for provider in providers] == ["certificates.home", "cohorts.coursework.home"]


def test_personal_data_is_exported_in_the_rooms_order():
    assert [holder.name for holder in personal_data.holders()] == [
        "account",
        "drafts",
        "registration",
        "coursework",
        "workshops",
        "hours",
        "evaluations",
        "community",
        "reminders",
        "toolkit",
        "lti",
        "certificates",
    ]


# The navigation's order for each role is held by tests/accounts/test_navigation.py.


def test_home_cards_and_reminder_kinds_keep_their_order():
    assert [card.key for card in sorted(homes._registry.values(), key=lambda c: (c.order, c.key))] == [
        "program-office",
        "learning",
        "certificates",
        "facilitation",
        "feedback-turnaround",
        "workshop-sessions",
        "cohort-progress",
        "office-hours",
        "evaluations",
        "community",
        "toolkit",
        "content-editor",
        "reports",
    ]
    assert [kind.key for kind in reminders.kinds()][:4] == ["access_opens", "purchase_order", "pacing", "revision"]
    # A status change is followed by the ledger, the LMS gradebook, then the certificate, in that order.
    assert follow_ups.tasks_following(follow_ups.SUBMISSION_STATUS_CHANGED)[-1].startswith("certificates.")
