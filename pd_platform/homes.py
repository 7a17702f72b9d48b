"""A person's home (the dashboard): each app registers the cards it contributes, and to whom.

Like the navigation, apps register in their ``AppConfig.ready``, so ``pd_platform`` renders
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


_registry: dict[str, HomeCard] = {}


def register(key, template, audience, order=100):
    _registry[key] = HomeCard(key, template, frozenset(audience), order)


def cards_for(user):
    """The cards this person's roles call for, in order."""
    roles = role_names(user)
    return [card for card in sorted(_registry.values(), key=lambda c: (c.order, c.key)) if card.audience & roles]


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
