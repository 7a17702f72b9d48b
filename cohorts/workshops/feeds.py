"""A person's calendar feed address: no sign-in (calendar apps cannot), so the address is the secret. It is
the person's id and their feed's version, signed; a reset raises the version and every older address stops.

Addresses made before resets existed carry the id alone: they are version 0, and keep working until their
owner resets."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from .models import CalendarFeed

SALT = "cohorts.calendar-feed"


def version_of(user_id) -> int:
    return CalendarFeed.objects.filter(user_id=user_id).values_list("version", flat=True).first() or 0


def feed_url(user) -> str:
    version = version_of(user.pk)
    token = signing.dumps([user.pk, version] if version else user.pk, salt=SALT)
    return reverse("workshops:calendar_feed", args=[token])


class Retired(Exception):
    """A genuine address of ours that its owner has replaced (or whose owner is gone)."""


def owner_of(token):
    """The id of the person whose feed ``token`` opens; None for a token we never made; ``Retired`` for
    one replaced since. One query."""
    try:
        signed = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if isinstance(signed, int):
        user_id, version = signed, 0
    elif isinstance(signed, list) and len(signed) == 2 and all(isinstance(part, int) for part in signed):
        user_id, version = signed
    else:
        return None
    found = (
        get_user_model().objects.filter(pk=user_id, is_active=True).values_list("pk", "calendar_feed__version").first()
    )
    if found is None or (found[1] or 0) != version:
        raise Retired
    return user_id
