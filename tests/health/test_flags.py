"""The at-risk rules: each flag names its reason and the threshold that raised it."""

from datetime import date, timedelta

from cohorts.health import flags
from cohorts.health.flags import Facts, MissedSession, Thresholds, WaitingRevision, flags_for

TODAY = date(2030, 3, 20)


def facts(**changes):
    base = {"today": TODAY, "started_on": date(2030, 2, 1), "last_activity": TODAY, "requirement_met": False}
    return Facts(**{**base, **changes})


def texts(found):
    return [(flag.reason, flag.text, flag.threshold) for flag in found]


def test_no_activity_is_flagged_from_the_programs_threshold():
    assert flags_for(facts(last_activity=TODAY - timedelta(days=9)), Thresholds()) == []
    [flag] = flags_for(facts(last_activity=TODAY - timedelta(days=12)), Thresholds())
    assert (flag.reason, flag.text) == (flags.IDLE, "No activity in 12 days")
    assert flag.threshold == "flagged after 10 days without a post, submission, material or sign-in"
    assert flag.period == "2030-03-08"  # a new idle spell is a new period
    assert flags_for(facts(last_activity=TODAY - timedelta(days=4)), Thresholds(idle_days=3))[0].text == (
        "No activity in 4 days"
    )


def test_someone_who_never_started_is_counted_from_when_the_course_opened_for_them():
    [flag] = flags_for(facts(last_activity=None, started_on=TODAY - timedelta(days=15)), Thresholds())
    assert flag.text == "No activity in 15 days (nothing yet)"
    assert "not started" in flag.message
    assert flags_for(facts(last_activity=None, started_on=TODAY + timedelta(days=2)), Thresholds()) == []


def test_someone_who_met_the_requirement_is_not_idle():
    assert flags_for(facts(last_activity=TODAY - timedelta(days=40), requirement_met=True), Thresholds()) == []


def test_a_revision_waiting_past_the_threshold():
    waiting = WaitingRevision(7, "Learning targets", TODAY - timedelta(days=6), 31)
    fresh = WaitingRevision(8, "Grading plan", TODAY - timedelta(days=2), 32)
    found = flags_for(facts(revisions=(waiting, fresh)), Thresholds())
    assert texts(found) == [(flags.REVISION, "Revision waiting 6 days: Learning targets", "flagged after 6 days")]
    assert found[0].period == "review:31"
    assert found[0].subject == "Your revision of Learning targets is waiting"


def test_missed_sessions_from_the_programs_count():
    missed = (MissedSession(3, "Workshop 2", date(2030, 3, 4)),)
    [flag] = flags_for(facts(missed=missed), Thresholds())
    assert (flag.text, flag.threshold, flag.period) == (
        "Missed Workshop 2",
        "flagged at the first missed session",
        "session:3",
    )
    assert flags_for(facts(missed=missed), Thresholds(missed_sessions=2)) == []
    two = (*missed, MissedSession(4, "Workshop 3", date(2030, 3, 18)))
    assert [f.text for f in flags_for(facts(missed=two), Thresholds(missed_sessions=2))] == [
        "Missed Workshop 2",
        "Missed Workshop 3",
    ]


def test_the_evaluation_only_once_the_requirement_is_met():
    assert flags_for(facts(evaluation_due=True), Thresholds()) == []
    [flag] = flags_for(facts(evaluation_due=True, requirement_met=True), Thresholds())
    assert (flag.text, flag.threshold) == ("Evaluation not done", "flagged once the course's requirement is met")
    assert flags_for(facts(evaluation_due=False, requirement_met=True), Thresholds()) == []
