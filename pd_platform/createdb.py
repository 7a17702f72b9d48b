"""Create (or drop) the PostgreSQL database a URL names.

``make serve`` runs this module before migrating, so a fresh PostgreSQL server needs no
manual step; the benchmarks and browser tests use the same helpers for databases of their own.
"""

import os
import sys
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql")


def is_postgres(url):
    return urlsplit(url).scheme in POSTGRES_SCHEMES


def with_database(url, name):
    """The same server's URL, naming another database."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _server(url):
    """A connection to the server's maintenance database, and the database ``url`` names."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    return psycopg.connect(admin, autocommit=True), parts.path.lstrip("/")


def ensure_database(url):
    """Returns True if it created the database; False if it existed or is not PostgreSQL."""
    if not is_postgres(url):
        return False
    from psycopg import sql

    connection, name = _server(url)
    with connection as db:
        if db.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            return False
        db.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    return True


def drop_database(url):
    from psycopg import sql

    connection, name = _server(url)
    with connection as db:
        db.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))


if __name__ == "__main__":
    if ensure_database(os.environ.get("DATABASE_URL", "")):
        print(f"Created the database {urlsplit(os.environ['DATABASE_URL']).path.lstrip('/')}", file=sys.stderr)
