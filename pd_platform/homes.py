"""A person's home (the dashboard): each app registers the cards it contributes, and to whom.

Like the navigation, apps register in their ``AppConfig.ready``, so ``pd_platform`` renders
what the higher rooms offer without importing them. A card is a template included in the
dashboard; its first heading is an ``h2``.
"""

from dataclasses import dataclass

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
