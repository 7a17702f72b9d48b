"""Who may see a page's activities, decided by whichever app knows about enrollments.

``modules`` never imports ``cohorts``: cohorts installs its policy here when it starts.
Without one, activities are shown to everyone (the content alone).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageAccess:
    show_activities: bool
    message: str = ""  # what a person is told when activities are hidden, or what to do next
    action_label: str = ""
    action_url: str = ""
    # activity key -> (url where the person does it, status, status label), for enrolled participants
    activity_links: dict = field(default_factory=dict)
    # for an enrolled participant: ids of the page's materials they marked done, and where a
    # mark is posted; None when the person does not mark materials (visitors, facilitators)
    marks: frozenset | None = None
    mark_url: str = ""
    # on a program's page, for an enrolled participant: page id -> their progress on it
    page_progress: dict | None = None
    # for a facilitator: activity key -> [(cohort name, url of that cohort's discussion of it)]
    discussion_links: dict = field(default_factory=dict)


def _everyone(request, page):
    return PageAccess(show_activities=True)


_policy = _everyone


def set_policy(policy):
    global _policy
    _policy = policy


@dataclass(frozen=True)
class StaffLink:
    """Something those who run a cohort of the program do from a page (take a session's attendance)."""

    label: str
    url: str
    text: str = ""  # said after the link, e.g. the session's date


# (request, page) -> [StaffLink], registered by the apps that know (``modules`` imports none of them).
_staff_links: dict = {}


def register_staff_links(provider):
    _staff_links[f"{provider.__module__}.{provider.__qualname__}"] = provider


@dataclass(frozen=True)
class OwnSession:
    """A participant's own session of the workshop a page describes: when and where, and a calendar file."""

    cohort: str
    when: str  # the date and times in words, in the cohort's time zone
    place: str
    calendar_url: str


# (user, page) -> [OwnSession], registered by the app that schedules sessions.
_own_sessions: dict = {}


def register_own_sessions(provider):
    _own_sessions[f"{provider.__module__}.{provider.__qualname__}"] = provider


def own_sessions(request, page) -> list:
    """The signed-in participant's sessions of this page's workshop; nothing for anyone else, nor in a preview."""
    if getattr(request, "is_preview", False) or not request.user.is_authenticated:
        return []
    return [session for provider in _own_sessions.values() for session in provider(request.user, page)]


def staff_links(request, page) -> list:
    """What the signed-in facilitator does from this page, for their own cohorts; nothing for anyone
    else, nor in the editor's preview."""
    if getattr(request, "is_preview", False) or not request.user.is_authenticated:
        return []
    return [link for provider in _staff_links.values() for link in provider(request.user, page)]


def page_access(request, page) -> PageAccess:
    if getattr(request, "is_preview", False):
        # The editor's preview shows everything the page has (the admin lets only those who may edit it preview it).
        return PageAccess(show_activities=True)
    return _policy(request, page)
