"""Moving generations as writes commit: every statement passes a wrapper on the database
connection, and one that may write (``statements.classify``) moves the generations of whoever's
pages it can change, once its transaction commits.

A statement issued while a registered model is being saved or deleted moves that row's scope
(``register``); a write to a table no kept page shows (``IGNORED_TABLES``) moves nothing; any
other write, one to a table nobody claimed and one whose table cannot be told, moves ``ALL``.
"""

import logging
from contextvars import ContextVar
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from .generations import bump, enabled
from .scopes import EVERYONE, NOBODY
from .statements import classify

logger = logging.getLogger(__name__)

# Tables no kept page shows: sessions, the outbox, background exports (their page is never kept, and a job's
# progress is written many times a file), Wagtail's logs and indexes, the admin log.
IGNORED_TABLES = frozenset(
    {
        "django_session",
        "django_admin_log",
        "pd_platform_queuedtask",
        "pd_platform_exportjob",
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

_resolvers: dict = {}  # model class -> (instance) -> Scope
_m2m_resolvers: dict = {}  # through model -> (instance, pk_set, reverse) -> Scope
_claims: ContextVar = ContextVar("page_cache_claims", default=())


def register(model, resolver):
    """``resolver(instance)`` says whose pages a change to this row can show. Deleting such
    rows is then told apart too (Django deletes them one by one instead of in bulk)."""
    _resolvers[model] = resolver
    pre_delete.connect(_before_write, sender=model, dispatch_uid=f"page-cache-pre-delete-{model._meta.label}")
    post_delete.connect(_after_write, sender=model, dispatch_uid=f"page-cache-post-delete-{model._meta.label}")


def register_m2m(through, resolver):
    """``resolver(instance, pk_set, reverse)`` for adding and removing links of a many-to-many."""
    _m2m_resolvers[through] = resolver


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


def scope_of_statement(sql):
    """Whose pages ``sql`` can change: None for a statement that writes nothing a page shows."""
    if not isinstance(sql, str):  # a composed statement nobody here reads: count it as a write
        return EVERYONE
    statement = classify(sql)
    if not statement.writes:
        return None
    tables = [table for table in statement.tables if table not in IGNORED_TABLES]
    if statement.tables and not tables:
        return None
    if len(tables) == 1:
        for _, claimed, found in reversed(_claims.get()):
            if tables[0] in claimed:
                return found
    return EVERYONE


def _watch_writes(execute, sql, params, many, context):
    found = scope_of_statement(sql) if enabled() else None
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
        callback = partial(bump, key)
        callback.page_cache_key = key
        transaction.on_commit(callback, using=connection.alias)


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
