"""Benchmarks on PostgreSQL get a database of their own, dropped when they finish."""

import atexit
import os
from urllib.parse import urlsplit, urlunsplit


def use_fresh_database(prefix):
    """Point DATABASE_URL at a new, empty database on the same PostgreSQL server (SQLite: nothing to do)."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        return
    import psycopg

    name = f"{prefix}_{os.getpid()}"
    server = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f'create database "{name}"')
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))

    @atexit.register
    def drop():
        with psycopg.connect(server, autocommit=True) as db:
            db.execute(f'drop database if exists "{name}" with (force)')
