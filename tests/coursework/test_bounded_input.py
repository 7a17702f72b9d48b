"""Work per request is bounded and nothing typed is lost: length limits with clear messages,
the review page's comparison computed once on the capped path, autosave that answers in JSON
(signed out, complete, too long), and a double-clicked post saved once."""

import re
import time
from datetime import date

import pytest

from cohorts.coursework import diff as diff_module
from cohorts.coursework import services as coursework
from cohorts.coursework.models import DiscussionPost, Revision, Submission
from modules.models import Activity
from pd_platform.sanitize import render_user_text
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

TARGETS = "lbg-m02-learning-targets"
DISCUSSION = "lbg-m01-golden-lines"


@pytest.fixture
def reviewer(db):
    return factories.facilitator()


@pytest.fixture
def enrollment(reviewer):
    enrollment = EnrollmentFactory(cohort=CohortFactory(start_date=date.today(), facilitators=[reviewer]))
    welcome = Activity.objects.get(key="lbg-m00-introductions")
    Submission.objects.create(enrollment=enrollment, activity=welcome, status="complete")
    return enrollment


def url(enrollment, key, suffix=""):
    return f"/cohorts/enrollments/{enrollment.pk}/activities/{key}/{suffix}"


def test_a_submission_over_the_limit_is_refused_with_the_text_kept(client, enrollment, settings):
    settings.SUBMISSION_MAX_CHARACTERS = 1000
    client.force_login(enrollment.user)
    text = "I can explain fractions!" * 62 + "abc"  # 1,491 characters
    response = client.post(url(enrollment, TARGETS), {"source": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your response is 1,491 characters long; the limit is 1,000" in html
    assert "attach the longer document as a file" in html
    assert text in html  # still in the box, nothing lost
    assert 'maxlength="1000"' in html
    assert not Revision.objects.exists()
    with pytest.raises(coursework.CourseworkError, match="the limit is 1,000"):
        coursework.submit_revision(enrollment, Activity.objects.get(key=TARGETS), text)


def test_a_post_over_the_limit_is_refused(client, enrollment, settings):
    settings.DISCUSSION_POST_MAX_CHARACTERS = 200
    client.force_login(enrollment.user)
    response = client.post(url(enrollment, DISCUSSION), {"source": "Golden line. " * 50})
    assert "the limit is 200" in response.content.decode()
    assert not DiscussionPost.objects.exists()
    with pytest.raises(coursework.CourseworkError, match="the limit is 200"):
        coursework.post_to_discussion(enrollment, Activity.objects.get(key=DISCUSSION), "x" * 201)


def test_the_review_page_compares_long_repetitive_revisions_once_on_the_capped_path(
    client, enrollment, reviewer, monkeypatch
):
    """The probe's revisions (2.8 KB each) took the old page 139 s."""
    submission = Submission.objects.create(
        enrollment=enrollment, activity=Activity.objects.get(key=TARGETS), status="submitted"
    )
    for number, source in ((1, "x " * 1400), (2, "x y " * 700)):  # compared as they read, rendered
        Revision.objects.create(submission=submission, number=number, source=source, body=render_user_text(source))
    calls = []
    real_compare = diff_module.compare
    monkeypatch.setattr("cohorts.coursework.views.compare", lambda *a, **k: calls.append(1) or real_compare(*a, **k))
    client.force_login(reviewer)
    started = time.monotonic()
    html = client.get(f"/cohorts/review/{submission.pk}/").content.decode()
    elapsed = time.monotonic() - started
    assert "Too long to compare word by word" in html
    assert len(calls) == 1
    assert elapsed < 10, f"the review page took {elapsed:.1f} s"  # a guard against hanging, not a benchmark


def test_autosave_tells_a_signed_out_person_to_sign_in_again(client, enrollment):
    response = client.post(url(enrollment, TARGETS, "draft/"), {"source": "typed while signed out"})
    assert response.status_code == 401
    data = response.json()
    assert "sign in again" in data["error"] and "kept in this browser" in data["error"]
    assert data["login_url"].startswith("/accounts/login/?next=")
    assert not Submission.objects.filter(enrollment=enrollment, draft__contains="typed").exists()


def test_autosave_stores_nothing_on_a_complete_activity(client, enrollment):
    submission = Submission.objects.create(
        enrollment=enrollment, activity=Activity.objects.get(key=TARGETS), status="complete"
    )
    client.force_login(enrollment.user)
    response = client.post(url(enrollment, TARGETS, "draft/"), {"source": "more"})
    assert response.status_code == 400 and "complete" in response.json()["error"]
    submission.refresh_from_db()
    assert submission.draft == ""


def test_autosave_over_the_limit_says_so(client, enrollment, settings):
    settings.SUBMISSION_MAX_CHARACTERS = 100
    client.force_login(enrollment.user)
    response = client.post(url(enrollment, TARGETS, "draft/"), {"source": "x" * 101})
    assert response.status_code == 400 and "the limit is 100" in response.json()["error"]
    response = client.post(url(enrollment, TARGETS, "draft/"), {"source": "x" * 100})
    assert response.status_code == 200 and "saved_at" in response.json()


def test_the_same_post_form_sent_twice_posts_once(client, enrollment):
    client.force_login(enrollment.user)
    page = client.get(url(enrollment, DISCUSSION)).content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', page).group(1)
    for _ in range(2):
        response = client.post(url(enrollment, DISCUSSION), {"source": "My golden line.", "form_token": token})
        assert response.status_code == 302
    assert DiscussionPost.objects.filter(author=enrollment.user).count() == 1
    # A new form (the page shown again) posts again.
    fresh = re.search(
        r'name="form_token" value="([0-9a-f]{32})"', client.get(url(enrollment, DISCUSSION)).content.decode()
    ).group(1)
    assert fresh != token
    client.post(url(enrollment, DISCUSSION), {"source": "A second thought.", "form_token": fresh})
    assert DiscussionPost.objects.filter(author=enrollment.user).count() == 2
    # Each reply form has its own token.
    page = client.get(url(enrollment, DISCUSSION)).content.decode()
    reply_tokens = re.findall(r'name="form_token" value="([0-9a-f]{32}-\d+)"', page)
    assert len(reply_tokens) == 2 and len(set(reply_tokens)) == 2
