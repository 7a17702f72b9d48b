"""Site navigation: each app registers the links it offers, and to which roles.

Apps register items where they define them (see ``registries``) so that ``pd_platform`` never has to
import them; the context processor picks the items a user's roles allow.
"""

from dataclasses import dataclass

from django.urls import reverse

from .accounts.roles import role_names

EVERYONE = "everyone"
SIGNED_IN = "signed-in"


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str  # a URL pattern name, or a path starting with "/"
    audience: frozenset  # role names, or {EVERYONE} / {SIGNED_IN}
    order: int = 100

    def shown_to(self, user, roles):
        if EVERYONE in self.audience:
            return True
        if not user.is_authenticated:
            return False
        return SIGNED_IN in self.audience or bool(self.audience & roles)


_registry: dict[str, NavItem] = {}


def register(label, url_name, audience, order=100):
    _registry[url_name] = NavItem(label, url_name, frozenset(audience), order)


def items_for(user, current_path=""):
    roles = role_names(user)
    items = []
    for item in sorted(_registry.values(), key=lambda i: (i.order, i.label)):
        if item.shown_to(user, roles):
            url = item.url_name if item.url_name.startswith("/") else reverse(item.url_name)
            current = current_path == url if url == "/" else current_path.startswith(url)
            items.append({"label": item.label, "url": url, "current": current})
    return items
