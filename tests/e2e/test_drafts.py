"""Autosave loses nothing when the session ends: the text stays in the browser, the person is
told to sign in again, and after signing in it comes back and is saved."""

from tests.e2e.conftest import log_in
from tests.factories import PASSWORD


def test_text_typed_after_the_session_ended_is_kept_and_saved_after_signing_in(site, page, screenshot):
    from playwright.sync_api import expect

    enrollment_id = site.python(
        "from datetime import date, timedelta; from tests import factories; from cohorts.coursework.models import Submission; "
        "from modules.models import Activity; "
        "user = factories.participant(email='drafts@example.org', full_name='Dana Drafts'); "
        "e = factories.EnrollmentFactory(user=user, cohort__name='Drafts cohort', "
        "cohort__start_date=date.today() - timedelta(days=3)); "
        "Submission.objects.create(enrollment=e, activity=Activity.objects.get(key='lbg-m00-introductions'), status='complete'); "
        "print(e.pk)"
    )
    first = "- I can compare fractions."
    both = first + "\n- I can place fractions on a number line."
    url = site.url + f"/cohorts/enrollments/{enrollment_id}/activities/lbg-m02-learning-targets/"
    log_in(page, site, "drafts@example.org", PASSWORD)
    page.goto(url)
    page.get_by_label("Your response").fill(first)
    expect(page.get_by_text("Draft saved")).to_be_visible(timeout=10_000)

    # The session ends on the server (it expired, or the person signed out in another tab).
    page.context.clear_cookies(name="sessionid")
    page.get_by_label("Your response").fill(both)
    expect(page.get_by_text("You are signed out")).to_be_visible(timeout=10_000)
    expect(page.get_by_role("link", name="Sign in again (opens a new tab)")).to_be_visible()
    screenshot("draft-signed-out")

    log_in(page, site, "drafts@example.org", PASSWORD)
    page.goto(url)
    expect(page.get_by_label("Your response")).to_have_value(both)
    expect(page.get_by_text("Draft saved")).to_be_visible(timeout=10_000)
    saved = site.python(
        f"from cohorts.coursework.models import Submission; s = Submission.objects.get(enrollment_id={enrollment_id}, "
        "activity__key='lbg-m02-learning-targets'); print(s.draft.replace(chr(10), ' | '))"
    )
    assert saved == both.replace("\n", " | ")
