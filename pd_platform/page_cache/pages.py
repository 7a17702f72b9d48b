"""Keeping and serving pages: the middleware, the view decorator and the CSRF placeholder.

A kept page is served only to the person it was rendered for, at the same address, only when
every generation it was rendered under is unchanged, never with a message waiting to be shown,
and with a fresh CSRF token.
"""

import hashlib
import zlib
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control

from .generations import ALL, cohort_key, enabled, generations, user_key
from .scopes import cohorts_of
from .writes import forget_claims

FORMAT = 1  # part of every key: a release that keeps pages differently never reads older ones
CSRF_PLACEHOLDER = "pd-csrf-token-placeholder"
HEADER = "X-Page-Cache"

_views = set()  # views whose pages may say ``allow`` (Wagtail's page server)


def register_view(view):
    """A view (Wagtail's page server) whose pages may say ``allow`` while they are served."""
    _views.add(view)


def _entry_key(user_id, path) -> str:
    return f"pc:p:{FORMAT}:{user_id}:{hashlib.sha256(path.encode()).hexdigest()[:32]}"


def _messages_waiting(request) -> bool:
    return bool(request.COOKIES.get("messages") or request.session.get("_messages"))


def _qualifies(request) -> bool:
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and request.user.is_authenticated
        and not _messages_waiting(request)
    )


@dataclass
class _Pending:
    user_id: int
    path: str
    deps: dict
    allowed: bool = False


def lookup(request):
    """The kept page for this person and address, when nothing it shows has changed since."""
    entry = cache.get(_entry_key(request.user.pk, request.get_full_path()))
    if entry is None:
        return None
    deps = entry["deps"]
    if cache.get_many(list(deps)) != deps:
        return None
    response = HttpResponse(zlib.decompress(entry["body"]), content_type=entry["content_type"])
    response[HEADER] = "hit"
    patch_cache_control(response, private=True)
    return _with_csrf_token(request, response)


def _with_csrf_token(request, response):
    if CSRF_PLACEHOLDER.encode() in response.content:
        response.content = response.content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    return response


def allow(request):
    """Said by a page while it is served, before it reads what it shows: this response may be
    kept for its reader. Their cohorts' generations are read now, before the page reads them."""
    pending = getattr(request, "_page_cache", None)
    if pending is None or pending.allowed:
        return
    cohorts = _cohorts_of(request.user, pending.deps)
    if cohorts is not None:  # someone who sees every cohort: their pages are not kept
        pending.deps.update(generations([cohort_key(pk) for pk in sorted(cohorts)]))
        pending.allowed = True


def _cohorts_of(user, deps):
    """The reader's cohorts, kept under the generations already read for their page (everything's
    and their own): a change of their memberships or roles moves their own, an unattributed one
    everything's. So a miss reads the cache, not the database, for them: a miss costs no query
    more than the page with the cache off."""
    key = f"pc:co:{FORMAT}:{user.pk}:{deps[ALL]}:{deps[user_key(user.pk)]}"
    found = cache.get(key)
    if found is None:
        cohorts = cohorts_of(user)
        found = {"cohorts": None if cohorts is None else sorted(cohorts)}
        cache.set(key, found, settings.PAGE_CACHE_SECONDS)
    return found["cohorts"]


def keep(request, response):
    """Keep a page that said ``allow`` for its reader; fill in the CSRF token of any page rendered
    with the placeholder."""
    pending = getattr(request, "_page_cache", None)
    if pending is None or response.streaming:  # a template response is rendered by now
        return response
    if (
        pending.allowed
        and request.method == "GET"
        and response.status_code == 200
        and not response.cookies
        and not request.session.modified
        and not _messages_used(request)
    ):
        cache.set(
            _entry_key(pending.user_id, pending.path),
            {
                "deps": pending.deps,
                "body": zlib.compress(response.content, 1),
                "content_type": response["Content-Type"],
            },
            settings.PAGE_CACHE_SECONDS,
        )
        response[HEADER] = "kept"
        patch_cache_control(response, private=True)
    return _with_csrf_token(request, response)


def _messages_used(request) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and (storage.used or storage._queued_messages))


def personal_page(view):
    """A view whose page is its reader's own and may be kept (see the package docstring)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        allow(request)
        return view(request, *args, **kwargs)

    wrapped.personal_page_cache = True
    return wrapped


def csrf_placeholder(request):
    """Context processor: a page that may be kept carries a placeholder for its CSRF token,
    filled in for each response, so that no reader gets another browser's token."""
    if getattr(request, "_page_cache", None) is not None:
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


class PersonalPageCacheMiddleware:
    """Last in MIDDLEWARE: sign-in, second factor and CSRF have run before a kept page is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forget_claims()
        response = self.get_response(request)
        return keep(request, response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not (getattr(view_func, "personal_page_cache", False) or view_func in _views) or not _qualifies(request):
            return None
        found = lookup(request)
        if found is not None:
            return found
        # Read before anything the page shows (Wagtail's routing reads the page itself).
        deps = generations([ALL, user_key(request.user.pk)])
        request._page_cache = _Pending(request.user.pk, request.get_full_path(), deps)
        return None
