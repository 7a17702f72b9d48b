"""The reminder kinds each app contributes (course access, purchase orders, pacing, feedback,
sessions, the certificate, the facilitator's digest ...), in one registry.

A kind knows *when* a reminder is due from the state of its own data; ``cohorts.reminders``
sends what is due at most once per (recipient, kind, object, period), keeps the log, the
per-program rules and each person's choices. Apps register in their ``reminders`` module (see ``registries``), as
they do for the navigation and the home cards.

A kind's ``find(now, rules)`` yields :class:`Due` items for everything due at ``now``;
``rules(program_id)`` answers the program's reminder rules (its N's). It must run in a fixed
number of queries however many people it finds, and yield nothing once the reason is gone:
the work was submitted, the purchase order arrived.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pd_platform.accounts.models import User


@dataclass(frozen=True)
class Due:
    kind: str
    recipient: Any  # the user (accounts.User)
    object_key: str  # what it is about, e.g. "submission:12"
    period: str  # which occurrence, e.g. the review it follows or the day of the digest
    subject: str
    template: str  # the text body; rendered with ``context``, ``recipient`` and ``site_name``
    context: dict = field(default_factory=dict)
    time_zone: str = ""  # the recipient's (the cohort's): nothing goes out at night there
    cohort_id: int | None = None
    attachments: tuple = ()  # (filename, content, mimetype)


@dataclass(frozen=True)
class ReminderKind:
    key: str
    label: str  # as the person reads it on their preferences page
    description: str
    audience: frozenset  # role names
    find: Callable[[datetime, Callable[[int], Any]], Iterable[Due]]  # (now, rules) -> iterable of Due
    order: int = 100
    opt_in: bool = False  # sent only to people who asked for it (a digest), not to all until they opt out


_registry: dict[str, ReminderKind] = {}


def register(key, label, description, audience, find, order=100, opt_in=False):
    _registry[key] = ReminderKind(key, label, description, frozenset(audience), find, order, opt_in)


def kinds() -> list[ReminderKind]:
    return sorted(_registry.values(), key=lambda kind: (kind.order, kind.key))


def kind(key):
    return _registry.get(key)


def kinds_for(role_names: Iterable[str]) -> list[ReminderKind]:
    return [kind for kind in kinds() if kind.audience & set(role_names)]


# Each person's choices live in ``cohorts.reminders``; the rooms beside it (the community's digest box)
# reach them here, through the functions the reminders app registers in its ``ready``.
_choices: dict[str, Callable[..., Any]] = {}


def register_choices(asking, wanted, choose):
    """``asking(key)``: the active people who asked for an opt-in kind; ``wanted(user)``: the kinds this
    person gets; ``choose(user, key, wanted)``: turn one kind on or off for them (one transaction)."""
    _choices.update(asking=asking, wanted=wanted, choose=choose)


def asking(key):
    return _choices["asking"](key)


def wanted(user: "User") -> set[str]:
    """The reminder kinds ``user`` gets."""
    return _choices["wanted"](user)


def choose(user, key, wanted):
    _choices["choose"](user, key, wanted)


def register_sending(send):
    """``send(due)``: send one reminder now, at most once per (recipient, kind, object, period) and only to
    someone who still wants its kind; returns whether it went out."""
    _choices.update(send=send)


def send_now(due: Due) -> bool:
    return bool(_choices["send"](due))
