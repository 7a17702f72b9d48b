"""A Celery worker killed in the middle of issuing certificates: once another worker runs,
every certificate is issued, none twice (late acknowledgement and idempotent tasks)."""

import signal
import sqlite3
import subprocess
import time

import pytest

from tests.servers import Site, port_open, start_celery

COUNT = 12

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.own_database,
    pytest.mark.skipif(not port_open(6379), reason="needs Redis on 127.0.0.1:6379 for a real Celery worker"),
]


def test_killed_worker_loses_no_certificate_and_duplicates_none(tmp_path):
    site = Site(
        tmp_path, CELERY_BROKER_URL="redis://127.0.0.1:6379/14", CELERY_VISIBILITY_TIMEOUT=5, EMAIL_URL="dummymail://"
    )
    env, shell = site.env, site.python
    site.install(demo=False)
    subprocess.run(["redis-cli", "-n", "14", "flushdb"], capture_output=True)
    shell(
        "from datetime import date; from cohorts.coursework.models import Submission; from cohorts.registration.models import Cohort, Enrollment; "
        "from cohorts.coursework.selectors import program_activities; from modules.models import CoursePage; "
        "from pd_platform.accounts.models import User; c = Cohort.objects.create(program=CoursePage.objects.get(), "
        "name='Faults', start_date=date.today(), end_date=date.today(), capacity=100); "
        f"es = [Enrollment.objects.create(cohort=c, user=User.objects.create_user(email=f'w{{i}}@example.org', full_name=f'W {{i}}'), "
        f"status='registered', payment_method='online') for i in range({COUNT})]; "
        "[Submission.objects.create(enrollment=e, activity=a, status='complete') for e in es for a in program_activities(c.program_id)]; "
        "from certificates.tasks import award_certificate; [award_certificate.delay(e.pk) for e in es]; print('queued')"
    )

    def worker(name):
        return start_celery(
            [
                "worker",
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def counts():
        with sqlite3.connect(tmp_path / "db.sqlite3", timeout=20) as db:
            rows, ready, most = db.execute(
                "select count(*), coalesce(sum(sha256 != ''), 0), "
                "coalesce((select max(n) from (select count(*) n from certificates_certificate group by enrollment_id)), 0) "
                "from certificates_certificate"
            ).fetchone()
        return rows, ready, most

    first = worker("first")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if counts()[1] >= 3:
            break
        time.sleep(0.3)
    first.send_signal(signal.SIGKILL)  # in the middle of the work, no chance to clean up
    first.wait()
    partway = counts()
    assert partway[1] < COUNT, "the first worker finished everything before it was killed"

    second = worker("second")
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if counts()[1] == COUNT:
                break
            time.sleep(0.5)
    finally:
        second.terminate()
        second.wait(timeout=30)
    rows, ready, most = counts()
    assert (rows, ready) == (COUNT, COUNT), f"after the kill at {partway}: {rows} rows, {ready} with a signed PDF"
    assert most == 1, "an enrollment got two certificates"
