"""Each person's pages, kept whole: a page a person asks for again is answered from the cache
until something it could show has changed.

A cohort's opening week is a few hundred people opening their home, a module page and their
progress again and again, and facilitators going back to the review queue and the gradebook.
What those pages show changes far less often than they are read. A page that opts in is kept
under its reader and its address, together with the *generations* it was rendered under:

- ``all``: anything not known to belong to one person or one cohort (content, settings, the
  community, a bulk change nobody attributed);
- the reader's own;
- each cohort the reader takes part in or facilitates.

A write bumps the generations it touches, once its transaction commits. Which ones is worked out
from what was written, not from what a service remembers to say: every INSERT, UPDATE and DELETE
passes a wrapper on the database connection. A statement issued while a model registered here is
being saved or deleted bumps that row's cohort and person (``register``); any other statement
bumps ``all``, except the tables no kept page shows (``IGNORED_TABLES``). So a write nobody
thought of empties too much, never too little. Only what bypasses this code (SQL typed into
``psql``) goes unseen, for at most ``PAGE_CACHE_SECONDS``.

A kept page is served only to the person it was rendered for, only when every generation is
unchanged, never with a message waiting to be shown, and with a fresh CSRF token. It is kept for
``PAGE_CACHE_SECONDS`` at most, which also bounds how late a "due tomorrow" turns into "due today".

The cache must be shared by every process that writes (Redis in the production profile), or one
process would not see another's bumps: ``PAGE_CACHE`` is on by default only then.
"""

import hashlib
import logging
import re
import secrets
import zlib
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control

from .cache import unreachable_lately

logger = logging.getLogger(__name__)

FORMAT = 1  # part of every key: a release that keeps pages differently never reads older ones
ALL = "pc:g:all"
CSRF_PLACEHOLDER = "pd-csrf-token-placeholder"
HEADER = "X-Page-Cache"
# Tables no kept page shows: sessions, the outbox, Wagtail's logs and indexes, the admin log.
IGNORED_TABLES = frozenset(
    {
        "django_session",
        "django_admin_log",
        "pd_platform_queuedtask",
        "wagtailcore_modellogentry",
        "wagtailcore_pagelogentry",
        "wagtailcore_referenceindex",
        "wagtailsearch_indexentry",
    }
)
# A database cache's own table: bumping a generation must not count as a change.
IGNORED_TABLES |= {
    options["LOCATION"]
    for options in settings.CACHES.values()
    if options.get("BACKEND", "").endswith("DatabaseCache") and options.get("LOCATION")
}
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([\w.]+)"?', re.I)


_outage_seen = [False]


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
        _bump(ALL)
    return True


def user_key(user_id) -> str:
    return f"pc:g:u:{user_id}"


def cohort_key(cohort_id) -> str:
    return f"pc:g:c:{cohort_id}"


@dataclass(frozen=True)
class Scope:
    """Whose pages a write can change. ``everyone`` when it cannot be narrowed."""

    users: frozenset = frozenset()
    cohorts: frozenset = frozenset()
    everyone: bool = False

    def keys(self) -> list:
        if self.everyone:
            return [ALL]
        return [user_key(pk) for pk in sorted(self.users)] + [cohort_key(pk) for pk in sorted(self.cohorts)]


EVERYONE = Scope(everyone=True)
NOBODY = Scope()


def scope(users=(), cohorts=()) -> Scope:
    return Scope(frozenset(u for u in users if u), frozenset(c for c in cohorts if c))


# Registries the apps fill in their AppConfig.ready (pd_platform imports no domain app).
_resolvers: dict = {}  # model class -> (instance) -> Scope
_m2m_resolvers: dict = {}  # through model -> (instance, pk_set, reverse) -> Scope
_cohorts_of = []  # [(user) -> set of cohort ids, or None when the person sees every cohort]
_views = set()  # views whose pages may say ``allow`` (Wagtail's page server)


def register(model, resolver):
    """``resolver(instance)`` says whose pages a change to this row can show. Deleting such
    rows is then told apart too (Django deletes them one by one instead of in bulk)."""
    _resolvers[model] = resolver
    pre_delete.connect(_before_write, sender=model, dispatch_uid=f"page-cache-pre-delete-{model._meta.label}")
    post_delete.connect(_after_write, sender=model, dispatch_uid=f"page-cache-post-delete-{model._meta.label}")


def register_m2m(through, resolver):
    """``resolver(instance, pk_set, reverse)`` for adding and removing links of a many-to-many."""
    _m2m_resolvers[through] = resolver


def register_view(view):
    """A view (Wagtail's page server) whose pages may say ``allow`` while they are served."""
    _views.add(view)


def register_cohorts_of(provider):
    """``provider(user)``: the cohorts whose changes a person's pages show (theirs and those they
    facilitate), or None when that is every cohort (their pages are then not kept)."""
    _cohorts_of.append(provider)


def via(instance, path: str) -> Scope:
    """The cohort and person of the enrollment ``path`` leads to (``"enrollment"``,
    ``"revision__submission__enrollment"``): from the objects in hand, else one query."""
    current = instance
    hops = path.split("__")
    for i, hop in enumerate(hops):
        fk = current._meta.get_field(hop)
        if not fk.is_cached(current):
            rest = "__".join(hops[i + 1 :])
            prefix = f"{rest}__" if rest else ""
            found = (
                fk.related_model.objects.filter(pk=getattr(current, fk.attname))
                .values_list(f"{prefix}cohort_id", f"{prefix}user_id")
                .first()
            )
            return scope([found[1]], [found[0]]) if found else EVERYONE
        current = getattr(current, hop)
        if current is None:
            return EVERYONE
    return scope([current.user_id], [current.cohort_id])


def person(user) -> Scope:
    """A person's row: their own pages and those of every cohort they are in (their name shows
    in its gradebook)."""
    if user.pk is None:
        return NOBODY
    cohorts = cohorts_of(user)
    return EVERYONE if cohorts is None else scope([user.pk], cohorts)


def cohorts_of(user):
    """Every cohort a person is in or facilitates, or None when they see every cohort."""
    cohorts = set()
    for provider in _cohorts_of:
        found = provider(user)
        if found is None:
            return None
        cohorts |= set(found)
    return cohorts


def people_linked(instance, pk_set, reverse) -> Scope:
    """A person's groups (their roles): ``instance`` is the person, or the group with the people in ``pk_set``."""
    return scope(pk_set) if reverse else scope([instance.pk])


# Telling writes apart --------------------------------------------------------------------------

_claims: ContextVar = ContextVar("page_cache_claims", default=())


def _tables(model) -> frozenset:
    return frozenset([model._meta.db_table, *(parent._meta.db_table for parent in model._meta.get_parent_list())])


def _before_write(sender, instance, **kwargs):
    resolver = _resolvers.get(sender)
    if resolver is None or not enabled():
        return
    update_fields = kwargs.get("update_fields")
    try:
        found = NOBODY if update_fields and set(update_fields) <= {"last_login"} else resolver(instance)
    except Exception:  # a row that cannot be placed empties everything rather than failing the save
        logger.exception("Page cache: could not place a change to %s", sender._meta.label)
        found = EVERYONE
    _claims.set((*_claims.get(), (id(instance), _tables(sender), found)))


def _after_write(sender, instance, **kwargs):
    claims = _claims.get()
    for i in range(len(claims) - 1, -1, -1):
        if claims[i][0] == id(instance):
            _claims.set(claims[:i] + claims[i + 1 :])
            return


def _m2m(sender, instance, action, reverse, pk_set, **kwargs):
    if not enabled():
        return
    if not action.startswith("pre_"):
        if action.startswith("post_"):
            _after_write(sender, instance)
        return
    resolver = _m2m_resolvers.get(sender)
    found = resolver(instance, pk_set or set(), reverse) if resolver else EVERYONE
    _claims.set((*_claims.get(), (id(instance), frozenset([sender._meta.db_table]), found)))


def _scope_of_statement(sql: str):
    match = WRITE.match(sql)
    if match is None:
        return None
    table = match.group(1).split(".")[-1].strip('"')
    if table in IGNORED_TABLES:
        return None
    for _, tables, found in reversed(_claims.get()):
        if table in tables:
            return found
    return EVERYONE


def _watch_writes(execute, sql, params, many, context):
    found = _scope_of_statement(sql) if isinstance(sql, str) and enabled() else None
    result = execute(sql, params, many, context)
    if found is not None and found.keys():
        _bump_on_commit(context["connection"], found.keys())
    return result


def _bump_on_commit(connection, keys):
    """Bump once the transaction commits (at once in autocommit): a bump before the commit would
    let another request keep the old rows under the new generation."""
    here = set(connection.savepoint_ids)  # as Django files each callback: by its savepoints
    pending = {getattr(func, "page_cache_key", None) for sids, func, robust in connection.run_on_commit if sids == here}
    for key in keys:
        if key in pending:
            continue
        bump = partial(_bump, key)
        bump.page_cache_key = key
        transaction.on_commit(bump, using=connection.alias)


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:  # never set, or evicted: a fresh random start cannot meet an older value
        cache.set(key, secrets.randbits(48), None)


def install(connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def connect():
    connection_created.connect(install, dispatch_uid="page-cache-watch-writes")
    pre_save.connect(_before_write, dispatch_uid="page-cache-pre-save")
    post_save.connect(_after_write, dispatch_uid="page-cache-post-save")
    m2m_changed.connect(_m2m, dispatch_uid="page-cache-m2m")
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            install(conn)


def forget_claims():
    """Between requests and tasks: a save that failed half-way leaves no claim behind."""
    _claims.set(())


# Keeping and serving pages -----------------------------------------------------------------------


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
    cohorts = cohorts_of(request.user)
    if cohorts is not None:  # someone who sees every cohort: their pages are not kept
        pending.deps.update(generations([cohort_key(pk) for pk in sorted(cohorts)]))
        pending.allowed = True


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
    """A view whose page is its reader's own and may be kept (see the module docstring)."""

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
