"""Create the PostgreSQL database that DATABASE_URL names, if it does not exist yet.

``make serve`` runs this before migrating, so a fresh PostgreSQL server needs no manual step.
"""

import os
import sys
from urllib.parse import urlsplit, urlunsplit


def ensure_database(url):
    """Returns True if it created the database; False if it existed or is not PostgreSQL."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        return False
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(scheme="postgresql", path="/postgres")), autocommit=True) as db:
        if db.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            return False
        db.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    return True


if __name__ == "__main__":
    if ensure_database(os.environ.get("DATABASE_URL", "")):
        print(f"Created the database {urlsplit(os.environ['DATABASE_URL']).path.lstrip('/')}", file=sys.stderr)
