"""Per-client counters in the shared cache (Redis in production, so every worker counts together),
keyed on the client's address as our proxies report it (``client_address``), or on who the caller
is where that is known (an API key, a signed-in person: ``who``)."""

from django.core.cache import cache

from .client_address import client_address


def _key(request, bucket, who=None):
    return f"throttle-{bucket}:{who or client_address(request)}"


def count(request, bucket, seconds, *, who=None):
    """Count one more for this client (or ``who``) in this bucket; returns the count so far in the window."""
    key = _key(request, bucket, who)
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1


def so_far(request, bucket, *, who=None):
    return cache.get(_key(request, bucket, who), 0)
