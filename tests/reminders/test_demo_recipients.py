"""Every e-mail the platform sends goes only to the demo's people it is true for: the participant partway
through, the graduate who is certified, the purchase-order registrant who has not paid yet, the site-cohort
teachers who never started, the facilitator with work waiting."""

import io
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cohorts.registration import tasks as registration_tasks
from cohorts.reminders.services import send_reminders
from content.demo import impact

pytestmark = pytest.mark.django_db

PARTICIPANT, GRADUATE, FACILITATOR = "participant@example.org", "graduate@example.org", "facilitator@example.org"
PURCHASE_ORDER = "morgan.diaz@example.org"
NEVER_STARTED = {"teacher2@riverside.example.org", "teacher4@riverside.example.org"}


def due_on(days_from_now):
    """kind -> {recipient: subject} of the reminders due at 10:00 that day (a dry run: nothing sent)."""
    moment = datetime.combine(timezone.localdate() + timedelta(days=days_from_now), time(10, 0))
    ready, _, _ = send_reminders(now=timezone.make_aware(moment), dry_run=True)
    found = defaultdict(dict)
    for due in ready:
        found[due.kind][due.recipient.email] = due.subject
    return found


@pytest.fixture
def demo(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    return mailoutbox


def test_each_reminder_reaches_only_the_demo_people_it_is_true_for(demo):
    today = due_on(0)
    # Only the graduate met the requirement: the evaluation is theirs, not the participant's partway through.
    assert set(today["evaluation"]) == {GRADUATE}
    # Work waiting for a revision, replies to one's own posts: the participant's.
    assert set(today["revision"]) == {PARTICIPANT}
    # The peers replied as the demo was made: after 10:00 that is later than today's run, so by tomorrow morning's.
    tomorrow = due_on(1)
    assert set(today["discussion_reply"]) | set(tomorrow["discussion_reply"]) == {PARTICIPANT}
    # The course opening and the purchase order still owed: the one who registered by purchase order and has
    # not paid; never the graduate (paid, finished) or the participant (started weeks ago).
    assert set(today["access_opens"]) == {PURCHASE_ORDER}
    assert set(today["purchase_order"]) == {PURCHASE_ORDER}
    # Work waiting for feedback: the facilitator's digest, no one else's.
    assert set(today["digest"]) == {FACILITATOR}
    for kind in ("pacing", "certificate", "checkin", "session", "community_digest"):
        assert GRADUATE not in today[kind], f"{kind} is not true for the graduate, who is certified"
    assert PARTICIPANT in today["pacing"] and today["pacing"][PARTICIPANT].startswith("Pick up where you left off")

    week = due_on(7)
    pacing = week["pacing"]
    # Who never took a step is asked to take the first, not to pick up where they left off.
    for email in NEVER_STARTED:
        assert pacing[email] == "Take your first step in Mastery Learning and Grading"
    assert GRADUATE not in pacing and FACILITATOR not in pacing
    assert all(week[kind].keys() <= {PURCHASE_ORDER} for kind in ("access_opens", "purchase_order"))
    assert set(week["evaluation"]) == {GRADUATE}


def test_the_demo_s_transactional_e_mails_go_only_to_whom_they_are_true_for(demo):
    sent = defaultdict(set)
    for message in demo:
        sent[message.subject.removeprefix("[Grading for Learning] ").split(":")[0]].update(message.to)
    # The graduate's, and those of the earlier cohort's teachers who finished (the impact report's demo).
    assert sent["Your certificate"] == {GRADUATE} | {email for email, _ in impact.TEACHERS[:7]}
    assert PARTICIPANT not in sent["A follow-up assignment for you"]
    assert sent["Your site cohort is approved"] == {GRADUATE}
    assert FACILITATOR not in set().union(*sent.values())  # reviews are sent to the reviewed, not the reviewer

    demo.clear()
    with_welcome = registration_tasks.release_course_access()
    welcomed = {message.to[0]: message.body for message in demo if "is open to you" in message.subject}
    assert len(welcomed) == with_welcome
    assert not welcomed.keys() & {PARTICIPANT, GRADUATE, FACILITATOR}  # at work, finished, not a participant
    for email in welcomed.keys() & NEVER_STARTED:  # a workshop series: workshops, not a Welcome module
        assert "Come to the workshops" in welcomed[email] and "Welcome module" not in welcomed[email]
        assert "which started" in welcomed[email]


def test_the_graduate_is_not_told_their_certificate_waits_for_the_evaluation(demo):
    from cohorts.evaluations.models import Survey

    Survey.objects.filter(kind=Survey.Kind.EVALUATION).update(required_for_certificate=True)
    assert due_on(0)["evaluation"] == {GRADUATE: "How did Learning-Based Grading serve you?"}
