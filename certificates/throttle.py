"""Guesses of unknown certificate codes and calls of the certificate API, counted per client."""

from django.conf import settings

from pd_platform.throttle import count, so_far

__all__ = ["count", "count_guess", "too_many_guesses"]


def too_many_guesses(request):
    """Lookups of unknown certificate codes are limited per client (verify page, credentials, API together)."""
    return so_far(request, "cert-guesses") >= settings.CERTIFICATE_VERIFY_GUESSES


def count_guess(request):
    count(request, "cert-guesses", 600)
