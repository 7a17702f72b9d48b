"""Redis down when the office asks for a long report: the job is recorded and its page answers at once; the file
is built, and the office e-mailed once, when Redis is back (production profile: gunicorn, a Celery worker and
beat, on a private Redis this test stops and starts)."""

import time

import pytest

from tests.servers import RedisServer, Site, wait_until

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.own_database,
    pytest.mark.skipif(
        RedisServer.binary is None, reason="needs redis-server (apt-get install redis-server) to stop and start"
    ),
]

EMAIL = "office@example.org"

START_A_JOB = (
    "from tests import factories; from pd_platform import exports; from cohorts.hours import reports; "
    f"admin = factories.program_admin(email='{EMAIL}'); "
    "job, joined = exports.start(admin, 'hours-xlsx', reports.ReportFilter().parameters()); print(job.pk)"
)


def job_state(site, job_id):
    return site.python(
        f"from pd_platform.models import ExportJob; j = ExportJob.objects.get(pk={job_id}); "
        "print(j.state, j.rows_done, j.rows_total, bool(j.file), sep='|')"
    )


def test_an_export_asked_for_while_redis_is_down_is_built_when_redis_returns(tmp_path):
    redis = RedisServer()
    redis.start()
    site = Site(tmp_path, CELERY_BROKER_URL=redis.url, OUTBOX_SWEEP_SECONDS=1, OUTBOX_GRACE_SECONDS=1)
    try:
        site.install(demo=False)
        site.start(log=tmp_path / "serve.log")
        redis.stop()
        started = time.monotonic()
        job_id = site.python(START_A_JOB)
        assert time.monotonic() - started < 60
        time.sleep(3)  # beat keeps trying while Redis is away: nothing is built
        assert job_state(site, job_id).startswith("queued|0|")
        assert (
            site.python(
                "from pd_platform.models import QueuedTask; print(QueuedTask.objects.filter(dispatched_at=None).count())"
            )
            == "1"
        )

        redis.start()  # empty, as after a restart: the outbox row is all there is
        assert wait_until(lambda: job_state(site, job_id).startswith("ready|"), 120, step=1), job_state(site, job_id)
        state, done, total, has_file = job_state(site, job_id).split("|")
        assert done == total and has_file == "True"
        notices = site.wait_for_email(EMAIL, "Your file is ready")
        time.sleep(3)
        assert len(site.emails_to(EMAIL, "Your file is ready")) == len(notices) == 1
    finally:
        site.stop()
        redis.stop()
