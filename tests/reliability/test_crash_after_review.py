"""The web process dies right after a facilitator's review commits, before it could hand anything
to the broker: the participant still gets everything that follows the review, once each (the
certificate, its training hours, the score in the LMS gradebook).

Production profile (gunicorn, a Celery worker and beat on a private Redis); the LMS is the test's
local LTI platform. The crash is a test-only fault: ``PD_FAULT_EXIT_AFTER_COMMIT=review`` (read by
``pd_platform.faults``, set only here) makes the gunicorn worker ``os._exit`` right after the
review's commit; gunicorn starts a new worker, and the outbox sweep (beat) hands over what was owed."""

import re
import time

import pytest
import requests

from tests.factories import PASSWORD
from tests.lti.platform import LocalPlatform
from tests.servers import RedisServer, Site, wait_until

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.own_database,
    pytest.mark.skipif(RedisServer.binary is None, reason="needs redis-server (apt-get install redis-server)"),
]

FACILITATOR = "fran.reviewer@example.org"
PARTICIPANT = "pat.lee@example.org"

SETUP = """
from datetime import date, timedelta
from cohorts.coursework import services as coursework
from cohorts.coursework.models import Review, Revision, Submission
from cohorts.coursework.selectors import program_activities
from cohorts.lti.models import Placement
from lti_tool.models import LtiContext, LtiDeployment, LtiRegistration, LtiResourceLink, LtiUser
from modules.models import Activity, ModulePage
from tests import factories

fran = factories.facilitator(email="{facilitator}", full_name="Fran Reviewer")
pat = factories.participant(email="{participant}", full_name="Pat Lee")
e = factories.EnrollmentFactory(user=pat, cohort__start_date=date.today() - timedelta(days=7), cohort__facilitators=[fran])
module = ModulePage.objects.live().descendant_of(e.cohort.program).get(number=2)
last = Activity.objects.filter(page=module, required=True, kind="assignment").first()
# 11 of the course's 13 required activities complete; the 12th (the course's 85%) waits for this review.
for activity in [a for a in program_activities(e.cohort.program_id) if a.pk != last.pk][:11]:
    s = Submission.objects.create(enrollment=e, activity=activity, status="complete")
    r = Revision.objects.create(submission=s, number=1, source="work", body="<p>work</p>")
    Review.objects.create(revision=r, reviewer=fran, rating="complete", feedback="<p>ok</p>")
revision = coursework.submit_revision(e, last, "- I can explain why grades should reflect learning.")

# The participant's Canvas course links to module 2 (as a launch would have recorded it).
registration = LtiRegistration.objects.create(
    name="Riverside Canvas", issuer="{issuer}", client_id="pd-tool-client",
    auth_url="{issuer}/auth", token_url="{issuer}/token", keyset_url="{issuer}/jwks",
)
deployment = LtiDeployment.objects.create(registration=registration, deployment_id="deployment-1", is_active=True)
context = LtiContext.objects.create(deployment=deployment, id_on_platform="course-7", title="Grading PD")
link = LtiResourceLink.objects.create(context=context, id_on_platform="link-1", title="Module 02")
LtiUser.objects.create(registration=registration, sub="canvas-7", auth_user=pat)
Placement.objects.create(resource_link=link, cohort=e.cohort, page=module, lineitem_url="{issuer}/lineitems/11")
print(revision.submission_id)
"""

PRODUCED = """
from certificates.models import Certificate
from cohorts.coursework.models import Review, Submission
from cohorts.hours.models import HoursEntry
from modules.models import Activity, ModulePage
s = Submission.objects.get(pk={submission})
module = ModulePage.objects.get(activities=s.activity_id)
required = Activity.objects.filter(page=module, required=True).values("pk")
print(
    s.status,
    Review.objects.filter(revision__submission=s).count(),
    Certificate.objects.filter(enrollment=s.enrollment_id).count(),
    Certificate.objects.filter(enrollment=s.enrollment_id).exclude(sha256="").count(),
    HoursEntry.objects.filter(enrollment=s.enrollment_id, source="course").count(),
    Submission.objects.filter(enrollment=s.enrollment_id, activity__in=required, status="complete").count(),
    sep="|",
)
"""


def log_in(session, site, email):
    session.get(site.url + "/accounts/login/")
    response = session.post(
        site.url + "/accounts/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
    )
    assert response.url.endswith("/dashboard/"), f"{email} could not log in"


def test_the_web_process_dying_right_after_a_review_commits_loses_no_follow_up(tmp_path):
    redis = RedisServer()
    redis.start()
    lms = LocalPlatform()
    site = Site(tmp_path, CELERY_BROKER_URL=redis.url, OUTBOX_SWEEP_SECONDS=1, OUTBOX_GRACE_SECONDS=1)
    try:
        site.install(demo=False)
        submission = site.python(SETUP.format(facilitator=FACILITATOR, participant=PARTICIPANT, issuer=lms.issuer))
        site.env["PD_FAULT_EXIT_AFTER_COMMIT"] = "review"
        site.start(log=tmp_path / "serve.log")
        lms.tool_jwks = requests.get(site.url + "/lti/jwks/", timeout=10).json()  # pasted in by the LMS admin

        session = requests.Session()
        log_in(session, site, FACILITATOR)
        review_url = f"{site.url}/cohorts/review/{submission}/"
        page = session.get(review_url, timeout=30)
        assert page.status_code == 200
        form = {
            "rating": "complete",
            "feedback": "Clear, measurable targets.",
            "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1],
            **{f"criterion_{i}": "meets" for i in range(5)},  # the assignment's single-point rubric
        }
        with pytest.raises(requests.ConnectionError):  # the process died before it could answer
            session.post(review_url, data=form, timeout=30)

        def produced():
            status, reviews, certificates, signed, hours, module_score = site.python(
                PRODUCED.format(submission=submission)
            ).split("|")
            scores = [score["scoreGiven"] for _, score in lms.scores]
            done = signed == "1" and hours == "1" and int(module_score) in scores
            return (status, reviews, certificates, signed, hours, scores.count(int(module_score))) if done else None

        assert wait_until(produced, 120, step=1), (
            f"not everything followed the review: {site.python(PRODUCED.format(submission=submission))}"
        )
        time.sleep(4)  # several more sweeps: nothing is handed over twice
        assert produced() == ("complete", "1", "1", "1", "1", 1)
        assert (
            site.python(
                "from pd_platform.models import QueuedTask; print(QueuedTask.objects.filter(dispatched_at__isnull=True).count())"
            )
            == "0"
        )
        assert "exited with code 70" in (tmp_path / "serve.log").read_text()  # the fault's exit, not another
        assert requests.get(site.url + "/", timeout=30).status_code == 200  # gunicorn replaced the dead worker
    finally:
        site.stop()
        redis.stop()
        lms.close()
