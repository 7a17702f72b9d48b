"""The engine: what is due goes out once, in the recipient's day, to those who want it."""

from datetime import time

import pytest
from django.core import mail

from cohorts.coursework import services as coursework
from cohorts.reminders.models import ReminderOptOut, ReminderSent
from cohorts.reminders.services import send_reminders
from pd_platform.models import SentEmail

from .conftest import business_days_later, targets_needing_revision

pytestmark = pytest.mark.django_db


def revision_reminders():
    return [m for m in mail.outbox if "revision of Learning Targets is waiting" in m.subject]


def test_a_reminder_goes_once_however_often_the_beat_runs(enrollment, course_facilitator):
    targets_needing_revision(enrollment, course_facilitator)
    mail.outbox.clear()
    moment = business_days_later(3)

    first = send_reminders(moment)
    again = send_reminders(moment)
    later_that_day = send_reminders(moment.replace(hour=16))

    assert first[1] >= 1 and again[1] == 0 and later_that_day[1] == 0
    [message] = revision_reminders()
    assert message.to == [enrollment.user.email]
    assert "/activities/lbg-m02-learning-targets/" in message.body
    sent = ReminderSent.objects.get(kind="revision", recipient=enrollment.user)
    assert sent.cohort == enrollment.cohort


def test_no_reminder_before_its_business_days_have_passed(enrollment, course_facilitator):
    targets_needing_revision(enrollment, course_facilitator)
    mail.outbox.clear()

    send_reminders(business_days_later(2))

    assert revision_reminders() == []


def test_a_reminder_whose_reason_is_gone_is_not_sent(enrollment, course_facilitator):
    submission = targets_needing_revision(enrollment, course_facilitator)
    coursework.submit_revision(enrollment, submission.activity, "- I can compare two ratios using a table.")
    mail.outbox.clear()

    send_reminders(business_days_later(5))

    assert revision_reminders() == []
    assert not ReminderSent.objects.filter(kind="revision").exists()


def test_a_new_request_for_revision_is_a_new_reminder(enrollment, course_facilitator):
    submission = targets_needing_revision(enrollment, course_facilitator)
    send_reminders(business_days_later(3))
    revision = coursework.submit_revision(enrollment, submission.activity, "- I can compare ratios.")
    coursework.review_submission(revision.submission, course_facilitator, "needs_revision", "Closer: one skill each.")
    mail.outbox.clear()

    send_reminders(business_days_later(3))

    assert len(revision_reminders()) == 1


def test_nothing_goes_out_at_night_where_the_recipient_is(enrollment, course_facilitator):
    targets_needing_revision(enrollment, course_facilitator)
    mail.outbox.clear()
    night = business_days_later(3, at=time(23, 30))

    due, sent, held = send_reminders(night)

    assert sent == 0 and held >= 1 and revision_reminders() == []
    send_reminders(business_days_later(4, at=time(8, 5)))
    assert len(revision_reminders()) == 1


def test_a_person_who_opted_out_of_a_kind_gets_only_the_others(enrollment, course_facilitator):
    targets_needing_revision(enrollment, course_facilitator)
    ReminderOptOut.objects.create(user=enrollment.user, kind="revision")
    mail.outbox.clear()

    send_reminders(business_days_later(6))

    kinds = set(ReminderSent.objects.filter(recipient=enrollment.user).values_list("kind", flat=True))
    assert "revision" not in kinds
    assert "pacing" in kinds  # six business days without a step: the pacing reminder still comes


def test_a_reminder_already_logged_by_another_worker_is_not_sent_again(enrollment, course_facilitator):
    submission = targets_needing_revision(enrollment, course_facilitator)
    review = submission.revisions.get().reviews.get()
    SentEmail.objects.create(
        recipient=enrollment.user,
        kind="reminders.revision",
        object_key=f"submission:{submission.pk}",
        period=f"review:{review.pk}",
    )
    mail.outbox.clear()

    send_reminders(business_days_later(3))

    assert revision_reminders() == []


def test_every_reminder_can_be_unsubscribed_in_one_click(enrollment, course_facilitator):
    targets_needing_revision(enrollment, course_facilitator)
    mail.outbox.clear()

    send_reminders(business_days_later(3))

    [message] = revision_reminders()
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/reminders/unsubscribe/" in url and url in message.body


def test_a_dry_run_sends_nothing_and_logs_nothing(enrollment, course_facilitator):
    targets_needing_revision(enrollment, course_facilitator)
    mail.outbox.clear()

    due, sent, _ = send_reminders(business_days_later(3), dry_run=True)

    assert "revision" in {item.kind for item in due} and sent == 0
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_a_closed_account_gets_no_reminders(enrollment, course_facilitator):
    targets_needing_revision(enrollment, course_facilitator)
    type(enrollment.user).objects.filter(pk=enrollment.user.pk).update(is_active=False)
    mail.outbox.clear()

    send_reminders(business_days_later(6))

    assert not ReminderSent.objects.filter(recipient=enrollment.user).exists()
    assert all(enrollment.user.email not in m.to for m in mail.outbox)
