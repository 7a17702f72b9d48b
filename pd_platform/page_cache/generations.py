"""The generations a kept page depends on: one for everything, one per person, one per cohort.

A generation is a number in the shared cache. A kept page records the values it was rendered
under; bumping any of them makes it stale. A generation never set (or evicted) starts at a
random value, which no older record can meet.
"""

import secrets

from django.conf import settings
from django.core.cache import cache

from ..cache import unreachable_lately

ALL = "pc:g:all"

_outage_seen = [False]


def user_key(user_id) -> str:
    return f"pc:g:u:{user_id}"


def cohort_key(cohort_id) -> str:
    return f"pc:g:c:{cohort_id}"


def enabled() -> bool:
    """On, and the cache answered lately. While Redis is away pages are rendered (no kept copy
    can be checked) without waiting for its timeouts on every read and bump; the writes made
    meanwhile moved no generation, so once it answers again every kept page is forgotten."""
    if not getattr(settings, "PAGE_CACHE", False):
        return False
    if unreachable_lately():
        _outage_seen[0] = True
        return False
    if _outage_seen[0]:
        _outage_seen[0] = False
        bump(ALL)
    return True


def generations(keys) -> dict:
    """The current value of each generation, starting those never set."""
    found = cache.get_many(keys)
    missing = {key: secrets.randbits(48) for key in keys if key not in found}
    for key, value in missing.items():
        if cache.add(key, value, None):
            found[key] = value
        else:
            found[key] = cache.get(key, value)
    return found


def bump(key):
    try:
        cache.incr(key)
    except ValueError:  # never set, or evicted: a fresh random start cannot meet an older value
        cache.set(key, secrets.randbits(48), None)
