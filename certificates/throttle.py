"""Per-client counters in the shared cache: guesses of unknown codes and API calls."""

from django.conf import settings
from django.core.cache import cache


def client(request):
    return request.META.get("REMOTE_ADDR", "unknown")


def count(request, bucket, seconds):
    """Count one more for this client in this bucket; returns the count so far in the window."""
    key = f"cert-{bucket}:{client(request)}"
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1


def so_far(request, bucket):
    return cache.get(f"cert-{bucket}:{client(request)}", 0)


def too_many_guesses(request):
    """Lookups of unknown certificate codes are limited per client (verify page, credentials, API together)."""
    return so_far(request, "guesses") >= settings.CERTIFICATE_VERIFY_GUESSES


def count_guess(request):
    count(request, "guesses", 600)
