"""A person's home (the dashboard): each app registers the cards it contributes, and to whom.

Like the navigation, apps register in their ``home`` module (see ``registries``), so ``pd_platform`` renders
what the higher rooms offer without importing them. A card is a template included in the
dashboard; its first heading is an ``h2``.
"""

from dataclasses import dataclass, field

from .accounts.roles import role_names


@dataclass(frozen=True)
class HomeCard:
    key: str
    template: str
    audience: frozenset  # role names
    order: int = 100
    # (user) -> dict the card's template reads as ``data``, in a fixed number of queries
    context: object = None


@dataclass(frozen=True)
class ShownCard:
    template: str
    data: dict


_registry: dict[str, HomeCard] = {}


def register(key, template, audience, order=100, context=None):
    _registry[key] = HomeCard(key, template, frozenset(audience), order, context)


def cards_for(user):
    """The cards this person's roles call for, in order, each with its data."""
    roles = role_names(user)
    return [
        ShownCard(card.template, card.context(user) if card.context else {})
        for card in sorted(_registry.values(), key=lambda c: (c.order, c.key))
        if card.audience & roles
    ]


# A participant's to-do, per enrollment: each app adds what it knows (the next material or
# activity, feedback waiting, the next session, the certificate). A provider is called with
# the person and the rows of their open courses, and answers in a fixed number of queries.


@dataclass(frozen=True)
class Todo:
    kind: str  # a short word for styling and tests: next, feedback, deadline, session, progress, certificate
    label: str  # what it is, e.g. "Feedback waiting"
    text: str
    url: str = ""
    link_label: str = ""
    order: int = 100


_todo_providers: dict = {}


def register_todos(provider, order=100):
    _todo_providers[f"{provider.__module__}.{provider.__qualname__}"] = (order, provider)


def todos(user, rows) -> dict:
    """enrollment id -> [Todo] from every registered app, in order."""
    merged: dict = {}
    for _, provider in sorted(_todo_providers.values(), key=lambda item: item[0]):
        for enrollment_id, items in provider(user, rows).items():
            merged.setdefault(enrollment_id, []).extend(items)
    for items in merged.values():
        items.sort(key=lambda t: t.order)
    return merged


# What each app adds to a person's "My courses" page: links beside each enrollment (their
# progress, the sessions' calendar) and notes under the list. A provider is called with the
# person and the page's rows (each has ``enrollment`` and ``course_open``) and answers in a
# fixed number of queries, however many rows there are.


@dataclass(frozen=True)
class CourseLink:
    label: str
    url: str


@dataclass(frozen=True)
class CourseNote:
    text: str
    link_label: str
    url: str
    after: str = ""
    # A button that POSTs (with the CSRF token) to ``action_url``, after ``action_text`` saying why one would.
    action_text: str = ""
    action_label: str = ""
    action_url: str = ""


@dataclass
class CourseExtras:
    links: dict = field(default_factory=dict)  # enrollment id -> [CourseLink]
    notes: list = field(default_factory=list)  # [CourseNote]


_course_providers: dict = {}


def register_course_links(provider, order=100):
    _course_providers[f"{provider.__module__}.{provider.__qualname__}"] = (order, provider)


def course_extras(user, rows) -> CourseExtras:
    """Every registered app's links and notes for these rows, merged in order."""
    merged = CourseExtras()
    for _, provider in sorted(_course_providers.values(), key=lambda item: item[0]):
        extras = provider(user, rows)
        for enrollment_id, links in extras.links.items():
            merged.links.setdefault(enrollment_id, []).extend(links)
        merged.notes.extend(extras.notes)
    return merged


# Where a person's home sends them instead, when a room has somewhere they must go first (an
# invitation followed before signing in). Each is ``(request) -> url or None``; the first answer wins.
_landings: dict = {}


def register_landing(key, provider, order=100):
    _landings[key] = (order, provider)


def landing_for(request):
    for _order, provider in sorted(_landings.values(), key=lambda item: item[0]):
        url = provider(request)
        if url:
            return url
    return None


# The date a person attends an activity of a page at: their cohort's session of a workshop. Workshops
# know; coursework (below it) reads them here to say "Session on Dec 21" rather than "Not started", and to
# make the next session to attend a next step. A provider is ``(cohort ids) -> {(cohort id, page id): date}``,
# one query.
_session_dates: dict = {}


def register_session_dates(provider):
    _session_dates[f"{provider.__module__}.{provider.__qualname__}"] = provider


def session_dates(cohort_ids) -> dict:
    cohort_ids = set(cohort_ids)
    found: dict = {}
    if not cohort_ids:
        return found
    for provider in _session_dates.values():
        found.update(provider(cohort_ids))
    return found


# What a person does next in each open course, said on My courses the way their home says it: each
# provider answers ``(user, rows) -> {enrollment id: Todo}`` in a fixed number of queries, and the first
# provider (by order) with an answer for an enrollment wins (a graduate's steps before the course's).
_next_step_providers: dict = {}


def register_next_steps(provider, order=100):
    _next_step_providers[f"{provider.__module__}.{provider.__qualname__}"] = (order, provider)


def next_steps(user, rows) -> dict:
    found: dict = {}
    for _, provider in sorted(_next_step_providers.values(), key=lambda item: item[0]):
        for enrollment_id, todo in provider(user, rows).items():
            found.setdefault(enrollment_id, todo)
    return found
