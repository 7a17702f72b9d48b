"""Nothing typed into a long field is lost: a draft kept on the server, put back into the field, personal,
bounded, and gone once the form is sent."""

import io
import json
import re
import zipfile
from datetime import date

import pytest

from cohorts.coursework import services as coursework
from cohorts.coursework.models import Submission
from modules.models import Activity
from pd_platform import drafts, personal_data
from pd_platform.models import FormDraft
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

FEEDBACK = "Your targets name what students will do. Next step: one verb per target."


@pytest.fixture
def submission(facilitator):
    cohort = CohortFactory(start_date=date.today(), facilitators=[facilitator])
    enrollment = EnrollmentFactory(cohort=cohort)
    Submission.objects.create(
        enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete"
    )
    activity = Activity.objects.get(key="lbg-m02-learning-targets")
    coursework.submit_revision(enrollment, activity, "- I can compare fractions.")
    return Submission.objects.get(enrollment=enrollment, activity=activity)


def review_url(submission):
    return f"/cohorts/review/{submission.pk}/"


def feedback_key(submission):
    return f"{review_url(submission)}#feedback"


def save(client, key, text):
    return client.post("/drafts/", {"key": key, "text": text})


def feedback_field(html):
    match = re.search(r'<textarea name="feedback"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, "the review page has a feedback field"
    return match.group(0), match.group(1).strip()


def test_a_draft_saved_while_typing_is_in_the_field_when_the_review_page_comes_back(client, facilitator, submission):
    client.force_login(facilitator)
    tag, text = feedback_field(client.get(review_url(submission)).content.decode())
    assert text == "" and f'data-keeps-draft="{feedback_key(submission)}"' in tag and 'data-draft-saved-at=""' in tag

    response = save(client, feedback_key(submission), FEEDBACK)
    assert response.status_code == 200 and re.fullmatch(r"\d{1,2}:\d\d [AP]M", response.json()["saved_at"])

    tag, text = feedback_field(client.get(review_url(submission)).content.decode())
    assert text == FEEDBACK
    assert 'data-draft-saved-at=""' not in tag


def test_a_draft_is_its_authors_only(client, facilitator, submission):
    other = factories.facilitator(full_name="Other Facilitator")
    submission.enrollment.cohort.facilitators.add(other)
    client.force_login(facilitator)
    save(client, feedback_key(submission), FEEDBACK)

    # A colleague on the same cohort sees an empty field, and their own draft of the same field is theirs.
    client.force_login(other)
    assert feedback_field(client.get(review_url(submission)).content.decode())[1] == ""
    save(client, feedback_key(submission), "Mine.")
    assert FormDraft.objects.get(user=facilitator).text == FEEDBACK
    assert FormDraft.objects.get(user=other).text == "Mine."


def test_signed_out_the_draft_is_refused_with_a_way_to_sign_in(client, submission):
    response = save(client, feedback_key(submission), FEEDBACK)
    assert response.status_code == 401
    body = response.json()
    assert "signed out" in body["error"] and "kept in this browser" in body["error"]
    assert body["login_url"].startswith("/accounts/login/?next=") and str(submission.pk) in body["login_url"]
    assert not FormDraft.objects.exists()


def test_a_draft_is_bounded_in_size_and_names_a_field(client, facilitator, submission):
    client.force_login(facilitator)
    too_long = save(client, feedback_key(submission), "x" * (drafts.MAX_CHARACTERS + 1))
    assert too_long.status_code == 400 and "at most 50,000" in too_long.json()["error"]
    assert save(client, "no-page", "text").status_code == 400
    assert save(client, "/" + "a" * 400 + "#f", "text").status_code == 400
    assert client.get("/drafts/").status_code == 405
    assert not FormDraft.objects.exists()


def test_emptying_the_field_forgets_the_draft(client, facilitator, submission):
    client.force_login(facilitator)
    save(client, feedback_key(submission), FEEDBACK)
    assert save(client, feedback_key(submission), "  ").json() == {"saved_at": None}
    assert not FormDraft.objects.exists()


def review_form(**fields):
    form = {"rating": "needs_revision", "feedback": FEEDBACK, "checklist": []}
    for i in range(5):
        form[f"criterion_{i}"] = "meets"
    return {**form, **fields}


def test_the_draft_goes_when_the_review_is_sent_and_stays_when_it_is_refused(client, facilitator, submission):
    client.force_login(facilitator)
    key = feedback_key(submission)
    comment_key = f"{review_url(submission)}#criterion_0_comment"
    save(client, key, FEEDBACK)
    save(client, comment_key, "Clear verbs.")
    # Another page's draft of the same person is not touched by this form.
    save(client, "/community/threads/1/#reply-3", "A reply in progress.")

    refused = client.post(review_url(submission), {**review_form(rating=""), "_kept_drafts": [key, comment_key]})
    assert refused.status_code == 200
    assert FormDraft.objects.filter(user=facilitator).count() == 3
    # The page says the form came back, so the browser puts back what it kept of the text sent.
    tag, text = feedback_field(refused.content.decode())
    assert text == FEEDBACK and 'data-draft-form-returned="1"' in tag

    sent = client.post(review_url(submission), {**review_form(), "_kept_drafts": [key, comment_key]})
    assert sent.status_code == 302
    assert list(FormDraft.objects.values_list("key", flat=True)) == ["/community/threads/1/#reply-3"]


def test_sending_a_form_clears_only_the_senders_drafts(client, facilitator, submission):
    other = factories.facilitator()
    submission.enrollment.cohort.facilitators.add(other)
    key = feedback_key(submission)
    client.force_login(other)
    save(client, key, "Other's words.")
    client.force_login(facilitator)
    save(client, key, FEEDBACK)
    client.post(review_url(submission), {**review_form(), "_kept_drafts": [key]})
    assert list(FormDraft.objects.values_list("user", flat=True)) == [other.pk]


def test_a_redirect_with_an_error_keeps_the_draft(client, facilitator, submission):
    """The per-target comment form answers a refused comment with a redirect and an error message."""
    client.force_login(facilitator)
    key = f"{review_url(submission)}#comment-sets-999-t1"
    save(client, key, "Keep me.")
    # An unknown copy is a 404: not accepted, so nothing is cleared.
    client.post("/toolkit/copies/sets/999/comment/", {"item": "t1", "text": "", "_kept_drafts": [key]})
    assert FormDraft.objects.get().text == "Keep me."


def test_a_comment_on_one_target_keeps_its_draft_until_it_is_saved(client, facilitator):
    """The toolkit's per-target comment posts elsewhere and comes back to the review page: a refused
    comment (a redirect with an error) keeps the draft; a saved one drops it, and only it."""
    from cohorts.toolkit import submissions as toolkit_submissions
    from cohorts.toolkit.target_sets import services as toolkit

    cohort = CohortFactory(start_date=date.today(), facilitators=[facilitator])
    enrollment = EnrollmentFactory(cohort=cohort)
    Submission.objects.create(
        enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete"
    )
    target_set = toolkit.create_target_set(enrollment.user, course_name="Algebra 1", grade_band="9-12")
    group = toolkit.add_group(target_set, kind="standard", code="A-REI.B.3", text="Solve linear equations")
    target = toolkit.add_target(group, text="Students will know how to isolate a variable")
    revision = toolkit_submissions.submit_target_set(
        enrollment, Activity.objects.get(key="lbg-m02-learning-targets"), target_set
    )
    copy = revision.target_set_copy
    page = review_url(revision.submission)
    key = f"{page}#comment-sets-{copy.pk}-t{target.pk}"
    client.force_login(facilitator)
    save(client, key, "What will a student do to show it?")
    save(client, feedback_key(revision.submission), FEEDBACK)

    html = client.get(page).content.decode()
    assert f'data-keeps-draft="{key}"' in html
    assert re.search(r'data-keeps-draft="[^"]*#comment-[^>]*>What will a student do to show it\?</textarea>', html)

    comment_url = f"/toolkit/copies/sets/{copy.pk}/comment/"
    refused = client.post(comment_url, {"item": f"t{target.pk}", "text": " ", "_kept_drafts": [key]})
    assert refused.status_code == 302
    assert FormDraft.objects.filter(key=key).exists()

    sent = client.post(
        comment_url, {"item": f"t{target.pk}", "text": "What will a student do to show it?", "_kept_drafts": [key]}
    )
    assert sent.status_code == 302
    assert list(FormDraft.objects.values_list("key", flat=True)) == [feedback_key(revision.submission)]
    html = client.get(page).content.decode()
    assert feedback_field(html)[1] == FEEDBACK


def test_drafts_are_in_the_persons_data_export_and_erased_with_it(client, facilitator, submission):
    client.force_login(facilitator)
    save(client, feedback_key(submission), FEEDBACK)
    archive = zipfile.ZipFile(io.BytesIO(personal_data.export_zip(facilitator)))
    rows = json.loads(archive.read("drafts/form_drafts.json"))
    assert [(r["key"], r["text"]) for r in rows] == [(feedback_key(submission), FEEDBACK)]
    assert drafts.erase(facilitator, None) == {"drafts of forms deleted": 1}
    assert not FormDraft.objects.exists()


def test_the_participants_activity_field_keeps_its_own_draft_only(client, submission):
    """The submission's response has its own draft (Submission.draft): no second one."""
    other = (
        Activity.objects.filter(kind="assignment", page__url_path__contains="learning-based-grading")
        .exclude(key=submission.activity.key)
        .first()
    )
    client.force_login(submission.enrollment.user)
    html = client.get(f"/cohorts/enrollments/{submission.enrollment_id}/activities/{other.key}/").content.decode()
    assert 'name="source"' in html and 'data-draft-url="/drafts/"' not in html
