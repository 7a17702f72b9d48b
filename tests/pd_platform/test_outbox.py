"""Tasks are owed in the database first: a submission's receipt goes out after commit, and
anything the broker missed goes out with the next sweep, once."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cohorts.coursework import services as coursework
from cohorts.coursework.models import Submission
from modules.models import Activity
from pd_platform.models import QueuedTask
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrollment(participant):
    enrollment = EnrollmentFactory(cohort=CohortFactory(start_date=date.today()), user=participant)
    Submission.objects.create(
        enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete"
    )
    return enrollment


def receipts(mailoutbox):
    return [m for m in mailoutbox if "Received: Learning Targets" in m.subject]


def test_submitting_sends_a_receipt_once_the_submission_is_committed(
    enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coursework.submit_revision(
            enrollment, Activity.objects.get(key="lbg-m02-learning-targets"), "- I can add fractions."
        )
        assert receipts(mailoutbox) == [], "sent before the submission was committed"
    [receipt] = receipts(mailoutbox)
    assert receipt.to == [enrollment.user.email]
    assert receipt.subject.endswith("Received: Learning Targets, revision 1")
    assert "We received revision 1" in receipt.body
    assert QueuedTask.objects.get(name="coursework.send_submission_receipt").dispatched_at is not None


def test_the_sweep_sends_what_the_broker_missed_and_nothing_twice(enrollment, mailoutbox):
    # What a failed hand-over leaves behind: the submission and its owed receipt, undispatched.
    coursework.submit_revision(
        enrollment, Activity.objects.get(key="lbg-m02-learning-targets"), "- I can add fractions."
    )
    missed = QueuedTask.objects.get(name="coursework.send_submission_receipt")
    assert missed.dispatched_at is None and receipts(mailoutbox) == []

    out = io.StringIO()
    call_command("dispatch_queued_tasks", stdout=out)
    assert out.getvalue().strip() == "0 dispatched", "a task younger than the grace period was swept"

    QueuedTask.objects.filter(pk=missed.pk).update(created_at=timezone.now() - timedelta(minutes=1))
    call_command("dispatch_queued_tasks", stdout=out)
    assert "1 dispatched" in out.getvalue()
    assert len(receipts(mailoutbox)) == 1

    # Handed over twice (the sweep raced the commit hook): still one email.
    QueuedTask.objects.filter(pk=missed.pk).update(dispatched_at=None)
    call_command("dispatch_queued_tasks", stdout=out)
    assert len(receipts(mailoutbox)) == 1


def test_tasks_handed_over_a_month_ago_are_forgotten_and_waiting_ones_kept(db):
    from pd_platform import outbox
    from pd_platform.tasks import dispatch_queued_tasks

    now = timezone.now()
    QueuedTask.objects.create(name="registration.release_course_access", dispatched_at=now - timedelta(days=31))
    recent = QueuedTask.objects.create(name="registration.release_course_access", dispatched_at=now - timedelta(days=2))
    waiting = QueuedTask.objects.create(name="registration.release_course_access")
    QueuedTask.objects.filter(pk=waiting.pk).update(created_at=now - timedelta(days=40))
    assert outbox.prune(now) == 1
    assert set(QueuedTask.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert dispatch_queued_tasks() == 1, "the task still owed was not handed over"
    assert QueuedTask.objects.get(pk=waiting.pk).dispatched_at is not None


def test_every_queued_and_scheduled_task_name_is_registered():
    """Task names are data (queued rows, the beat schedule): each is pinned on its task, so
    moving a task to another module keeps every recorded row runnable."""
    import re
    from pathlib import Path

    from django.conf import settings

    from pd_platform.outbox import registered_task

    root = Path(__file__).resolve().parents[2]
    names = set()
    for path in root.glob("*/**/*.py"):
        if "tests" in path.parts or ".venv" in path.parts or "var" in path.parts:
            continue
        names |= set(re.findall(r'outbox\.enqueue\(\s*"([\w.]+)"', path.read_text()))
    names |= {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert len(names) >= 8
    for name in names:
        assert registered_task(name).name == name


def test_every_task_is_named_by_its_room_and_function():
    """One rule for every task's name, ``<room>.<function>``: ``registration.send_invoice``."""
    from celery import current_app
    from django.apps import apps

    from pd_platform import registries

    ours = {app.name for app in registries.project_apps()}
    named = {}
    for name, task in current_app.tasks.items():
        app = apps.get_containing_app_config(task.run.__module__)
        if app is not None and app.name in ours:
            named[name] = f"{app.name.rsplit('.', 1)[-1]}.{task.run.__name__}"
    assert len(named) >= 25
    assert {name: rule for name, rule in named.items() if name != rule} == {}


def test_a_task_queued_under_its_former_name_still_runs_after_the_upgrade(enrollment, mailoutbox):
    """A receipt owed before the upgrade, under the task's name of the time, is still sent (once)."""
    from importlib import import_module

    from django.apps import apps

    from cohorts.coursework.models import Revision
    from pd_platform import outbox

    coursework.submit_revision(
        enrollment, Activity.objects.get(key="lbg-m02-learning-targets"), "- I can add fractions."
    )
    QueuedTask.objects.all().delete()
    revision = Revision.objects.get(submission__enrollment=enrollment)
    former = QueuedTask.objects.create(name="cohorts.tasks.send_submission_receipt", args=[revision.pk])

    import_module("pd_platform.migrations.0005_task_names_room_function").rename(apps, None)

    assert outbox.dispatch(former.pk)
    assert len(receipts(mailoutbox)) == 1
    assert QueuedTask.objects.get(pk=former.pk).name == "coursework.send_submission_receipt"
