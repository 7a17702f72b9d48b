"""The two rules every participant page reads: the status word of an activity, and the next step."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from cohorts.coursework.standing import Item, next_step, status_word

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    "status, due, session, key, text",
    [
        ("missing", None, False, "not_started", "Not started"),
        ("missing", TODAY + timedelta(days=3), False, "due", "Due Dec 10"),
        ("missing", TODAY, False, "due", "Due today"),
        ("missing", TODAY - timedelta(days=1), False, "overdue", "Overdue (was due Dec 6)"),
        ("missing", TODAY + timedelta(weeks=3), True, "scheduled", "Session on Dec 28"),
        ("missing", TODAY, True, "scheduled", "Session today"),
        ("missing", TODAY - timedelta(days=2), True, "not_attended", "Not recorded as attended (Dec 5)"),
        ("missing", None, True, "not_scheduled", "Session not scheduled yet"),
        ("needs_revision", TODAY - timedelta(days=9), False, "needs_revision", "Needs revision"),
        ("submitted", TODAY - timedelta(days=9), False, "submitted", "Submitted, waiting for feedback"),
        ("complete", TODAY - timedelta(days=9), False, "complete", "Complete"),
        ("complete", TODAY - timedelta(days=9), True, "complete", "Attended"),
    ],
)
def test_the_word_follows_the_state_and_the_date(status, due, session, key, text):
    word = status_word(status, TODAY, due, session=session)
    assert (word.key, str(word)) == (key, text)


def test_no_activity_is_called_missing_or_overdue_without_a_date_the_person_was_given():
    for status in ("missing", "submitted", "needs_revision", "complete"):
        for session in (False, True):
            word = status_word(status, TODAY, None, session=session)
            assert "Missing" not in str(word) and "Overdue" not in str(word)


@dataclass(frozen=True)
class A:
    key: str
    title: str = ""
    page_id: int = 1


def test_next_is_the_first_activity_not_started_in_course_order():
    items = [
        Item(A("welcome"), "complete"),
        Item(A("m01"), "submitted"),
        Item(A("m02"), "needs_revision"),
        Item(A("m03"), "missing"),
        Item(A("m04"), "missing"),
    ]
    step = next_step(items, TODAY, met=False)
    assert (step.kind, step.item.activity.key) == ("do", "m03")


def test_a_workshop_ahead_is_the_next_step_and_one_already_held_is_not():
    items = [
        Item(A("w1"), "missing", TODAY - timedelta(weeks=3), session=True),  # held, not attended
        Item(A("w2"), "missing", TODAY + timedelta(weeks=3), session=True),
        Item(A("online"), "missing"),
    ]
    step = next_step(items, TODAY, met=False)
    assert (step.kind, step.item.activity.key) == ("attend", "w2")
    unscheduled = [Item(A("w1"), "missing", None, session=True), Item(A("online"), "missing")]
    assert next_step(unscheduled, TODAY, met=False).item.activity.key == "online"


def test_with_nothing_left_to_start_next_is_the_revision_then_waiting():
    items = [Item(A("a"), "complete"), Item(A("b"), "needs_revision"), Item(A("c"), "submitted")]
    assert next_step(items, TODAY, met=False).kind == "revise"
    assert next_step([Item(A("a"), "complete"), Item(A("c"), "submitted")], TODAY, met=False).kind == "wait"


def test_a_graduate_has_no_next_step_from_the_course():
    # Met at 85%: an activity never started is not "next" for someone whose certificate is awarded.
    items = [Item(A("a"), "complete")] * 12 + [Item(A("b"), "missing")]
    assert next_step(items, TODAY, met=True) is None
