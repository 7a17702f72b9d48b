"""Every e-mail kind is guarded by one table (pd_platform.SentEmail): what went out under a former guard
(coursework's notice and receipt tables, a certificate's ``emailed_at``) is not sent again after the upgrade."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from certificates import services
from cohorts.coursework.models import Review
from cohorts.coursework.tasks import send_feedback_notice, send_submission_receipt
from cohorts.registration.tasks import send_access_information
from pd_platform.models import SentEmail
from pd_platform.send_once import send_once

BEFORE = [
    ("cohorts", "0021_pending_invitations"),
    ("coursework", "0006_passage_comments_and_comment_bank"),
    ("certificates", "0007_resign_earlier_form_credentials"),
    ("reminders", "0003_opt_in"),
]


@pytest.fixture
def content_loaded(transactional_db):
    """A transactional test starts from the migrated database only (as tests/concurrency.py's do)."""
    from modules.models import Activity

    if not Activity.objects.exists():
        call_command("load_content", stdout=io.StringIO())


# Serialized like the other transactional tests (tests/concurrency.py), so the database is left as they expect.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_email_sent_under_its_former_guard_is_not_sent_again_after_the_upgrade(
    content_loaded, certificate, mailoutbox
):
    review = Review.objects.filter(revision__submission__enrollment=certificate.enrollment).first()
    SentEmail.objects.all().delete()  # as it was before the one guard: nothing in it yet

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    former = executor.loader.project_state(BEFORE).apps
    former.get_model("coursework", "FeedbackNotice").objects.create(review_id=review.pk)
    former.get_model("coursework", "SubmissionReceipt").objects.create(revision_id=review.revision_id)
    former.get_model("cohorts", "Notification").objects.create(
        enrollment_id=certificate.enrollment_id, kind="access_open"
    )
    reminded = {"kind": "pacing", "object_key": f"enrollment:{certificate.enrollment_id}", "period": "2026-W49"}
    former.get_model("reminders", "ReminderSent").objects.create(
        recipient_id=certificate.enrollment.user_id, subject="Keep going", **reminded
    )
    former.get_model("certificates", "Certificate").objects.filter(pk=certificate.pk).update(emailed_at=timezone.now())

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    mailoutbox.clear()

    assert send_feedback_notice(review.pk) is False
    assert send_submission_receipt(review.revision_id) is False
    assert send_access_information(certificate.enrollment_id) is False
    services.produce_certificate(certificate.pk)
    assert (
        send_once(
            lambda: pytest.fail("sent again"),
            certificate.enrollment.user,
            "reminders.pacing",
            reminded["object_key"],
            reminded["period"],
        )
        is False
    )
    assert mailoutbox == []
    assert SentEmail.objects.filter(
        kind="certificates.certificate", object_key=f"certificate:{certificate.pk}"
    ).exists()


@pytest.mark.django_db
def test_each_email_goes_once_to_its_recipient(certificate, mailoutbox):
    review = Review.objects.filter(revision__submission__enrollment=certificate.enrollment).first()
    mailoutbox.clear()
    assert send_feedback_notice(review.pk) is True
    assert send_feedback_notice(review.pk) is False
    [email] = mailoutbox
    assert email.to == [certificate.enrollment.user.email] and "Feedback on" in email.subject
    [sent] = SentEmail.objects.filter(kind="coursework.feedback")
    assert (sent.recipient, sent.object_key, sent.period) == (certificate.enrollment.user, f"review:{review.pk}", "")
