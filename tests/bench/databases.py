"""Benchmarks on PostgreSQL get a database of their own, dropped when they finish."""

import atexit
import os

from pd_platform.createdb import drop_database, ensure_database, is_postgres, with_database


def use_fresh_database(prefix):
    """Point DATABASE_URL at a new, empty database on the same PostgreSQL server (SQLite: nothing to do)."""
    url = os.environ.get("DATABASE_URL", "")
    if not is_postgres(url):
        return
    fresh = with_database(url, f"{prefix}_{os.getpid()}")
    ensure_database(fresh)
    os.environ["DATABASE_URL"] = fresh
    atexit.register(drop_database, fresh)
