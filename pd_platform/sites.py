"""Which Wagtail site answers a request, remembered across requests.

Wagtail looks the site up with a query on every request that serves a page or links to one,
yet a platform's sites change a handful of times in its life. The answer is kept in the cache,
one entry for every host the platform answers to, and forgotten when a site is saved or
deleted. With the production profile's shared cache that holds everywhere at once; the embedded
default's cache is each process's own, so another process catches up within SITES_SECONDS.
"""

from django.core.cache import cache
from wagtail.models import Site

KEY = "platform:wagtail-sites"
SITES_SECONDS = 300


def site_for_request(request):
    """The site for this request's host and port (None when no site is set up yet)."""
    where = (request.get_host(), request.get_port())  # the host is checked against ALLOWED_HOSTS
    known = cache.get(KEY) or {}
    if where in known:
        return known[where]
    site = Site._find_for_request(request)
    if site is not None:  # no site yet (a database being set up) is asked again next time
        known[where] = site
        cache.set(KEY, known, SITES_SECONDS)
    return site


def forget_sites(**kwargs):
    cache.delete(KEY)


class SiteMiddleware:
    """Hands Wagtail the remembered site, so that serving a page or its link asks the database nothing for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for_request(request)
        return self.get_response(request)
