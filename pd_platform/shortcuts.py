"""What every room's views do alike when they fetch through a selector scoped to the requesting user."""

from typing import TypeVar

from django.http import Http404

T = TypeVar("T")


def or_404(found: T | None, reason: str = "") -> T:
    """What a scoped selector found, or a 404: what is not the person's to see does not exist for them (never a 403,
    which would tell a stranger that the number is taken)."""
    if found is None:
        raise Http404(reason) if reason else Http404
    return found
