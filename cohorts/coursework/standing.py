"""Two rules every participant page reads, so the words agree wherever a person meets them:

- ``status_word``: the word beside an activity, from its submission's status, the date it is due
  (or a workshop's session date) and today. "Overdue" only after a date the person was shown.
- ``next_step``: the first thing this person has not done in one program, in course order; nothing
  from the course once the completion requirement is met (what graduates do is offered instead).

Pure: no query, no clock. Callers pass today (the cohort's local date) and the dates they know.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .progress import SubmissionStatus as Status


@dataclass(frozen=True)
class StatusWord:
    key: str  # a stable word for styling and tests: complete, submitted, needs_revision, not_started,
    # due, overdue, scheduled, not_scheduled, not_attended
    text: str

    def __str__(self) -> str:
        return self.text


def short_date(day: date) -> str:
    return f"{day:%b} {day.day}"


def long_date(day: date) -> str:
    return f"{day:%A, %B} {day.day}"


def status_word(status: str, today: date, due: date | None = None, *, session: bool = False) -> StatusWord:
    """The word for one activity. ``due``: the date the person was given for it (a follow-up's due
    date), or with ``session`` the date of their cohort's workshop session the activity is attended at."""
    if status == Status.COMPLETE:
        return StatusWord("complete", "Attended" if session else "Complete")
    if status == Status.NEEDS_REVISION:
        return StatusWord("needs_revision", "Needs revision")
    if status == Status.SUBMITTED:
        return StatusWord("submitted", "Submitted, waiting for feedback")
    if session:
        if due is None:
            return StatusWord("not_scheduled", "Session not scheduled yet")
        if due > today:
            return StatusWord("scheduled", f"Session on {short_date(due)}")
        if due == today:
            return StatusWord("scheduled", "Session today")
        # Past the session with no attendance recorded as counting: true whether the facilitator
        # has not taken attendance yet or recorded the person absent.
        return StatusWord("not_attended", f"Not recorded as attended ({short_date(due)})")
    if due is None:
        return StatusWord("not_started", "Not started")
    if due > today:
        return StatusWord("due", f"Due {short_date(due)}")
    if due == today:
        return StatusWord("due", "Due today")
    return StatusWord("overdue", f"Overdue (was due {short_date(due)})")


@dataclass(frozen=True)
class Item:
    """One required activity of a program for one person, in course order."""

    activity: object  # has ``title``, ``key``, ``page_id``
    status: str
    due: date | None = None
    session: bool = False  # attended at a workshop session (``due`` is the session's date)


@dataclass(frozen=True)
class NextStep:
    kind: str  # do (not started), attend (a session ahead), revise (feedback to act on), wait (all in, feedback due)
    item: Item | None = None


def next_step(items: Iterable[Item], today: date, met: bool) -> NextStep | None:
    """The first thing not done, in course order: an activity not started, or the next workshop session
    to attend (a session already past cannot be attended, so it is not a next step); then work to revise;
    then, with everything in, waiting for feedback. None once the completion requirement is met."""
    if met:
        return None
    items = list(items)
    for item in items:
        if item.status != Status.MISSING:
            continue
        if item.session:
            if item.due is not None and item.due >= today:
                return NextStep("attend", item)
            continue
        return NextStep("do", item)
    revise = next((i for i in items if i.status == Status.NEEDS_REVISION), None)
    if revise is not None:
        return NextStep("revise", revise)
    if any(i.status == Status.SUBMITTED for i in items):
        return NextStep("wait")
    return None
