"""Faults the reliability tests inject into a real server process (tests/reliability).

Inert in production: nothing happens unless the environment variable ``PD_FAULT_EXIT_AFTER_COMMIT``
names the point, and only the tests set it (on the servers they start for themselves).
"""

import os

from django.db import transaction

ENV = "PD_FAULT_EXIT_AFTER_COMMIT"


def exit_after_commit(point):
    """Call first inside a transaction: when the environment names ``point``, the process ends at once
    right after the commit, before anything registered with ``on_commit`` runs (as a power cut or an
    out-of-memory kill between the commit and the next line would)."""
    if os.environ.get(ENV) == point:
        transaction.on_commit(lambda: os._exit(70))
