"""What higher rooms owe when something happens in a lower one, written in the same transaction.

A room below (coursework) cannot import the rooms above it (the hours ledger, the LMS gradebook,
the completion engine), yet their follow-ups must not be lost. So each room above registers, once
(in its ``tasks`` module, beside the task; see ``registries``), the Celery task that follows an event, and the room below calls
``owe(event, *args)`` inside the transaction of its change: every registered task becomes its own
outbox row (``pd_platform.outbox``), committed with the change or not at all.

- A crash right after the commit loses nothing: the outbox sweep hands the rows over.
- No code of a room above runs in the change's transaction or its request: a follow-up that fails
  cannot undo the change, answer the person with an error, or keep the other follow-ups from running;
  its row (embedded mode) or its retries (with a worker) bring it about later.
- The outbox may hand a row over twice, and a retry runs a task again: every follow-up task must be
  idempotent (it reads the state now and makes its rows agree with it).
"""

from . import outbox

SUBMISSION_STATUS_CHANGED = "submission_status_changed"  # args: submission id, previous status, new status

_registry: dict[str, list[str]] = {}


def register(event, task_name):
    """``task_name`` (a registered Celery task name) follows every ``event``, with the event's args."""
    names = _registry.setdefault(event, [])
    if task_name not in names:
        names.append(task_name)


def tasks_following(event):
    return list(_registry.get(event, ()))


def owe(event, *args):
    """Record, in the caller's transaction, one outbox task per follow-up of ``event``."""
    return [outbox.enqueue(name, *args) for name in _registry.get(event, ())]
