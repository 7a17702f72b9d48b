"""The production profile: Celery beat on Redis runs the reminders, real workers send them.
Two beats and two workers at once (a deployment mistake that happens): each reminder still
arrives once, because the send-once guard is a row in the database."""

import sqlite3
import subprocess
import time

import pytest

from tests.servers import Site, port_open, start_celery

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.own_database,
    pytest.mark.skipif(not port_open(6379), reason="needs Redis on 127.0.0.1:6379 for a real Celery worker and beat"),
]

SETUP = (
    "from datetime import date, timedelta; from django.utils import timezone; "
    "from cohorts.registration.models import Cohort, Enrollment; "
    "from cohorts.coursework.models import Submission, Revision, Review; "
    "from modules.models import Activity, CoursePage; from pd_platform.accounts.models import User; "
    "c = Cohort.objects.create(program=CoursePage.objects.get(), name='Beat', start_date=date.today() - timedelta(days=20), "
    "end_date=date.today() + timedelta(days=40), capacity=10); "
    "u = User.objects.create_user(email='reviser@example.org', full_name='Robin Reviser'); "
    "e = Enrollment.objects.create(cohort=c, user=u, status='registered', payment_method='online', paid_at=timezone.now()); "
    "s = Submission.objects.create(enrollment=e, activity=Activity.objects.get(key='lbg-m02-learning-targets'), "
    "status='needs_revision', submitted_at=timezone.now()); "
    "r = Revision.objects.create(submission=s, number=1, source='- I can understand ratios.', body='<p>x</p>'); "
    "Review.objects.create(revision=r, rating='needs_revision', feedback='<p>Which verb?</p>'); "
    "Review.objects.update(created_at=timezone.now() - timedelta(days=14)); print('ready')"
)


def celery(site, *args):
    return start_celery(
        [*args, "--loglevel", "WARNING"],
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_two_beats_and_two_workers_deliver_a_due_reminder_once(tmp_path):
    site = Site(
        tmp_path,
        CELERY_BROKER_URL="redis://127.0.0.1:6379/13",
        REMINDERS_EVERY_SECONDS=1,
        # The test runs at any hour; the quiet hours have their own unit test.
        REMINDERS_DAY_STARTS_HOUR=0,
        REMINDERS_DAY_ENDS_HOUR=24,
    )
    site.install(demo=False)
    subprocess.run(["redis-cli", "-n", "13", "flushdb"], capture_output=True)
    assert site.python(SETUP) == "ready"

    processes = [
        celery(site, "worker", "--concurrency", "2", "-n", f"w{i}@%h", "--without-gossip", "--without-mingle")
        for i in (1, 2)
    ] + [celery(site, "beat", "-s", str(tmp_path / f"beat{i}")) for i in (1, 2)]
    try:
        site.wait_for_email("reviser@example.org", "Your revision of Learning Targets is waiting", seconds=60)
        time.sleep(6)  # several more beats from each scheduler
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)

    assert len(site.emails_to("reviser@example.org", "Your revision of Learning Targets is waiting")) == 1
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        assert db.execute("select count(*) from reminders_remindersent where kind = 'revision'").fetchone() == (1,)
    message = site.emails_to("reviser@example.org", "revision")[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
