"""At-risk flags: pure rules over what the selector read. Each flag says its reason in words a
facilitator reads at a glance ("No activity in 12 days"), the threshold that raised it, and the
period a nudge about it belongs to (a nudge goes once per person, reason and period)."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

IDLE = "idle"
REVISION = "revision"
MISSED = "missed"
EVALUATION = "evaluation"
REASONS = (IDLE, REVISION, MISSED, EVALUATION)


@dataclass(frozen=True)
class Thresholds:
    idle_days: int = 10
    revision_waiting_days: int = 6
    missed_sessions: int = 1


@dataclass(frozen=True)
class WaitingRevision:
    submission_id: int
    title: str
    reviewed_on: date
    review_id: int
    url: str = ""


@dataclass(frozen=True)
class MissedSession:
    session_id: int
    title: str
    day: date


@dataclass(frozen=True)
class Facts:
    """What the selector knows of one participant on ``today`` (the cohort's local date)."""

    today: date
    started_on: date  # when the course opened for them: nothing is idle before
    last_activity: date | None  # a revision, post, material marked, draft saved or sign-in
    requirement_met: bool
    revisions: tuple[WaitingRevision, ...] = ()
    missed: tuple[MissedSession, ...] = ()
    evaluation_due: bool = False  # requirement met, the program has an evaluation, none answered
    progress_url: str = ""
    evaluation_url: str = ""


@dataclass(frozen=True)
class Flag:
    reason: str  # one of REASONS
    text: str  # "Revision waiting 7 days: Learning targets"
    threshold: str  # "flagged after 6 days"
    period: str  # which occurrence: a nudge goes once per (person, reason, period)
    subject: str  # the nudge e-mail's subject
    message: str  # the nudge e-mail's sentence
    url: str = ""  # where the nudge sends them
    details: dict[str, Any] = field(default_factory=dict, compare=False)


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def idle_flag(facts: Facts, thresholds: Thresholds) -> Flag | None:
    if facts.requirement_met or facts.today < facts.started_on:
        return None
    since = max(facts.last_activity or facts.started_on, facts.started_on)
    idle = (facts.today - since).days
    if idle < thresholds.idle_days:
        return None
    never = facts.last_activity is None
    return Flag(
        IDLE,
        f"No activity in {_days(idle)}" + (" (nothing yet)" if never else ""),
        f"flagged after {_days(thresholds.idle_days)} without a post, submission, material or sign-in",
        since.isoformat(),
        "Your course is waiting for you" if never else "Pick up where you left off",
        (
            "You have not started the course yet. The first step takes a few minutes."
            if never
            else f"We have not seen you in the course since {since:%B} {since.day}. Your next step is waiting."
        ),
        facts.progress_url,
    )


def revision_flags(facts: Facts, thresholds: Thresholds) -> Iterator[Flag]:
    for item in facts.revisions:
        waited = (facts.today - item.reviewed_on).days
        if waited < thresholds.revision_waiting_days:
            continue
        yield Flag(
            REVISION,
            f"Revision waiting {_days(waited)}: {item.title}",
            f"flagged after {_days(thresholds.revision_waiting_days)}",
            f"review:{item.review_id}",
            f"Your revision of {item.title} is waiting",
            f"On {item.reviewed_on:%B} {item.reviewed_on.day} your facilitator asked for a revision of "
            f"{item.title}. Read the feedback and send your revision.",
            item.url or facts.progress_url,
        )


def missed_flags(facts: Facts, thresholds: Thresholds) -> Iterator[Flag]:
    if len(facts.missed) < thresholds.missed_sessions:
        return
    for session in facts.missed:
        yield Flag(
            MISSED,
            f"Missed {session.title}",
            (
                "flagged at the first missed session"
                if thresholds.missed_sessions == 1
                else f"flagged after {thresholds.missed_sessions} missed sessions"
            ),
            f"session:{session.session_id}",
            f"We missed you at {session.title}",
            f"You were not at {session.title} on {session.day:%B} {session.day.day}. Ask your facilitator how "
            "to catch up on what it covered.",
            facts.progress_url,
        )


def evaluation_flag(facts: Facts) -> Flag | None:
    if not (facts.requirement_met and facts.evaluation_due):
        return None
    return Flag(
        EVALUATION,
        "Evaluation not done",
        "flagged once the course's requirement is met",
        "end",
        "One last step: the course evaluation",
        "You have met the course's requirement. The evaluation takes a few minutes and tells us what to keep.",
        facts.evaluation_url or facts.progress_url,
    )


def flags_for(facts: Facts, thresholds: Thresholds) -> list[Flag]:
    """Every flag this participant raises, in the order a facilitator acts on them."""
    found = [*revision_flags(facts, thresholds), *missed_flags(facts, thresholds)]
    for flag in (evaluation_flag(facts), idle_flag(facts, thresholds)):
        if flag is not None:
            found.append(flag)
    return found
