"""Each person's pages, kept whole: a page a person asks for again is answered from the cache
until something it could show has changed.

A cohort's opening week is a few hundred people opening their home, a module page and their
progress again and again, and facilitators going back to the review queue and the gradebook.
What those pages show changes far less often than they are read. A page that opts in is kept
under its reader and its address, together with the *generations* it was rendered under
(``generations``):

- ``all``: anything not known to belong to one person or one cohort (content, settings, the
  community, a bulk change nobody attributed);
- the reader's own;
- each cohort the reader takes part in or facilitates.

A write bumps the generations it touches, once its transaction commits (``writes``). Which ones
is worked out from what was written, not from what a service remembers to say: every statement
passes a wrapper on the database connection. Only a statement recognised as one that cannot
change a row moves nothing (a query, transaction and savepoint control, a session setting, a
pragma: ``statements``); every other one, a verb nobody listed included, is a write. A write
issued while a model registered here is being saved or deleted bumps that row's cohort and
person (``register``, ``scopes``); a write to a table no kept page shows (``IGNORED_TABLES``)
bumps nothing; any other write bumps ``all``. So a write nobody thought of empties too much,
never too little. Only what bypasses this code (SQL typed into ``psql``) goes unseen, for at
most ``PAGE_CACHE_SECONDS``.

A kept page is served only to the person it was rendered for, only when every generation is
unchanged, never with a message waiting to be shown, and with a fresh CSRF token (``pages``).
It is kept for ``PAGE_CACHE_SECONDS`` at most, which also bounds how late a "due tomorrow"
turns into "due today".

The cache must be shared by every process that writes (Redis in the production profile), or one
process would not see another's bumps: ``PAGE_CACHE`` is on by default only then.
"""

from .generations import ALL, cohort_key, enabled, generations, user_key
from .pages import (
    CSRF_PLACEHOLDER,
    HEADER,
    PersonalPageCacheMiddleware,
    allow,
    csrf_placeholder,
    keep,
    lookup,
    personal_page,
    register_view,
)
from .scopes import (
    EVERYONE,
    NOBODY,
    Scope,
    cohorts_of,
    people_linked,
    person,
    register_cohorts_of,
    scope,
    via,
)
from .writes import IGNORED_TABLES, connect, forget_claims, install, register, register_m2m, scope_of_statement

__all__ = [
    "ALL",
    "CSRF_PLACEHOLDER",
    "EVERYONE",
    "HEADER",
    "IGNORED_TABLES",
    "NOBODY",
    "PersonalPageCacheMiddleware",
    "Scope",
    "allow",
    "cohort_key",
    "cohorts_of",
    "connect",
    "csrf_placeholder",
    "enabled",
    "forget_claims",
    "generations",
    "install",
    "keep",
    "lookup",
    "people_linked",
    "person",
    "personal_page",
    "register",
    "register_cohorts_of",
    "register_m2m",
    "register_view",
    "scope",
    "scope_of_statement",
    "user_key",
    "via",
]
