"""Work run by many threads at once, each with its own database connection (PostgreSQL tests)."""

import threading

import pytest
from django.db import connections

# What a concurrency test module sets: it needs PostgreSQL, real transactions, and the course content
# (the ``content_on_postgresql`` fixture in tests/conftest.py loads it, or skips with the reason).
ON_POSTGRESQL = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("content_on_postgresql"),
]


def run_at_once(count, work):
    """Run ``work(i)`` in ``count`` threads released together; the exceptions they raised."""
    barrier = threading.Barrier(count)
    errors = []

    def worker(i):
        try:
            barrier.wait()
            work(i)
        except Exception as exc:  # noqa: BLE001 - collected and asserted on by the caller
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors
