"""What higher rooms show beside a submitted revision, on the facilitator's review page and the
participant's activity page: the toolkit shows an attached learning-target set with its checks
and the feedback on each target. Coursework renders the panels without importing those rooms.

A provider is called with the activity (None for a follow-up), the revisions shown (newest
first), the person looking and whether they are reviewing; it answers {revision id: Panel} in a
fixed number of queries, and none when the activity is not one it knows.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str  # included with ``panel`` in the context; its headings start at h3
    context: dict
    # A panel that compares structured work item by item with an earlier revision names that
    # revision's number and the id of its list of changes: the page then links there instead of
    # comparing the revisions' text word by word.
    compares_with: int | None = None
    changes_anchor: str = ""


_providers: dict = {}
_notes: dict = {}


def register(key, provider, note=None):
    """``note(activity)`` -> Panel or None: shown above the participant's submission form."""
    _providers[key] = provider
    if note is not None:
        _notes[key] = note


def notes_for(activity):
    return [panel for key in sorted(_notes) if (panel := _notes[key](activity)) is not None]


def attach_panels(activity, revisions, viewer, reviewing=False):
    """Set ``revision.panels`` (a list of Panel) on each revision."""
    found = {}
    for key in sorted(_providers):
        for revision_id, panel in _providers[key](activity, revisions, viewer, reviewing).items():
            found.setdefault(revision_id, []).append(panel)
    for revision in revisions:
        revision.panels = found.get(revision.pk, [])
    return revisions
