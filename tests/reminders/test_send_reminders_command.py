"""``manage.py send_reminders``: what the program office runs by hand, and what the beat runs."""

import io
from datetime import datetime, time

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue()


def this_morning():
    return datetime.combine(timezone.localdate(), time(10, 0)).isoformat()


def test_on_the_demo_a_dry_run_lists_four_kinds_and_sending_twice_sends_each_once():
    call_command("seed_demo", stdout=io.StringIO())
    mail.outbox.clear()

    lines, _ = run("--dry-run", "--at", this_morning())

    *messages, last = lines
    rows = [line.split("\t") for line in messages]
    assert all(len(row) == 3 for row in rows)
    assert last == f"{len(rows)} reminders"
    assert {"purchase_order", "pacing", "revision", "digest"} <= {kind for kind, _, _ in rows}
    assert ["revision", "participant@example.org", "Your revision of Learning Targets is waiting"] in rows
    assert mail.outbox == []

    assert run("--at", this_morning())[0][-1] == f"{len(rows)} sent"
    assert sorted(m.subject.removeprefix("[Grading for Learning] ") for m in mail.outbox) == sorted(
        subject for _, _, subject in rows
    )
    assert run("--at", this_morning())[0] == ["0 sent"]


def test_at_night_the_command_says_how_many_wait_for_the_morning():
    call_command("seed_demo", stdout=io.StringIO())
    night = datetime.combine(timezone.localdate(), time(23, 0)).isoformat()

    lines, err = run("--dry-run", "--at", night)

    assert lines == ["0 reminders"]
    assert "more wait for the recipient's daytime" in err


def test_a_moment_that_is_not_one_is_refused_clearly():
    with pytest.raises(CommandError, match='--at "next tuesday" is not a date and time'):
        run("--at", "next tuesday")


def test_a_moment_outside_the_planning_years_is_refused_clearly():
    with pytest.raises(CommandError, match='--at "9999-12-31T23:30": Give a date between the years 2000 and 2100.'):
        run("--at", "9999-12-31T23:30")
