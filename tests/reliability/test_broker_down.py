"""Redis down while a participant submits: the submission is saved, the participant sees it
confirmed, and the receipt email goes out once Redis is back (production profile: gunicorn,
a Celery worker and beat, on a private Redis this test stops and starts)."""

import re
import time

import pytest
import requests

from tests.factories import PASSWORD
from tests.servers import RedisServer, Site, wait_until

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.own_database,
    pytest.mark.skipif(
        RedisServer.binary is None, reason="needs redis-server (apt-get install redis-server) to stop and start"
    ),
]

EMAIL = "submitter@example.org"


def log_in(session, site):
    session.get(site.url + "/accounts/login/")
    response = session.post(
        site.url + "/accounts/login/",
        data={"login": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
    )
    assert response.url.endswith("/dashboard/"), "the participant could not log in"


def test_submission_while_redis_is_down_is_saved_and_its_receipt_sent_when_redis_returns(tmp_path):
    redis = RedisServer()
    redis.start()
    site = Site(tmp_path, CELERY_BROKER_URL=redis.url, OUTBOX_SWEEP_SECONDS=1, OUTBOX_GRACE_SECONDS=1)
    try:
        site.install(demo=False)
        enrollment_id = site.python(
            "from datetime import date, timedelta; from tests import factories; from cohorts.coursework.models import Submission; "
            "from modules.models import Activity; "
            f"user = factories.participant(email='{EMAIL}', full_name='Sam Submitter'); "
            "e = factories.EnrollmentFactory(user=user, cohort__start_date=date.today() - timedelta(days=7)); "
            "Submission.objects.create(enrollment=e, activity=Activity.objects.get(key='lbg-m00-introductions'), status='complete'); "
            "print(e.pk)"
        )
        site.start(log=tmp_path / "serve.log")
        session = requests.Session()
        log_in(session, site)
        activity_url = f"{site.url}/cohorts/enrollments/{enrollment_id}/activities/lbg-m02-learning-targets/"
        form = session.get(activity_url)
        assert form.status_code == 200

        redis.stop()
        started = time.monotonic()
        response = session.post(
            activity_url,
            data={
                "source": "- I can explain why grades should reflect learning.",
                "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1],
            },
            timeout=30,
        )
        took = time.monotonic() - started

        assert response.status_code == 200, response.text[:500]
        assert "Revision 1 of “Learning Targets” is submitted for feedback" in response.text
        assert took < 10, f"the submit took {took:.1f} s with the broker down"
        saved = site.python(
            "from cohorts.coursework.models import Revision; from pd_platform.models import QueuedTask; "
            "r = Revision.objects.get(submission__activity__key='lbg-m02-learning-targets'); "
            "q = QueuedTask.objects.get(name='coursework.send_submission_receipt'); "
            "print(r.submission.status, r.source, q.dispatched_at is None, bool(q.last_error), sep='|')"
        )
        assert saved == "submitted|- I can explain why grades should reflect learning.|True|True"
        time.sleep(3)  # beat keeps trying while Redis is away: still nothing can go out
        assert site.emails_to(EMAIL, "Received:") == []

        redis.start()  # empty, as after a restart: the queued task is all there is
        receipts = wait_until(lambda: site.emails_to(EMAIL, "Received:"), 90, step=1)
        assert receipts, "no receipt arrived within 90 s of Redis returning"
        time.sleep(3)
        receipts = site.emails_to(EMAIL, "Received:")
        assert len(receipts) == 1, "the receipt went out more than once"
        assert receipts[0]["Subject"].endswith("Received: Learning Targets, revision 1")
        assert "We received revision 1" in receipts[0].get_payload(decode=True).decode()
    finally:
        site.stop()
        redis.stop()
