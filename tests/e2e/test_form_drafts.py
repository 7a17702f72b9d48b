"""Nothing a facilitator types is lost: overall feedback typed on the review page survives a comment added
on one target (the page reloads), a reload, and a lost connection; it is gone once the review is sent.
Against the demo site: a participant of the demo facilitator's Cohort 03 has submitted a learning-target set."""

import re
import uuid

from tests.e2e.conftest import log_in

FACILITATOR = ("facilitator@example.org", "feedback-first")  # the demo's (content/demo/accounts.py)
FEEDBACK = "Your targets are in student language. Next step: give each one a verb we can watch a student do."

SUBMITTED_SET = """
from cohorts.coursework.models import Submission
from cohorts.registration.models import Cohort
from cohorts.toolkit import submissions
from cohorts.toolkit.target_sets import services
from modules.models import Activity
from tests import factories
cohort = Cohort.objects.get(name="Cohort 03", facilitators__email="facilitator@example.org")
person = factories.participant(email="{tag}@example.org", full_name="Robin {tag}")
enrollment = factories.EnrollmentFactory(cohort=cohort, user=person)
Submission.objects.create(enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete")
target_set = services.create_target_set(person, course_name="Algebra 1", grade_band="9-12")
group = services.add_group(target_set, kind="standard", code="A-REI.B.3", text="Solve linear equations")
services.add_target(group, text="I can solve linear equations in one variable")
services.add_target(group, text="Students will know how to isolate a variable")
revision = submissions.submit_target_set(enrollment, Activity.objects.get(key="lbg-m02-learning-targets"), target_set)
print(revision.submission_id)
"""


def drafts_of_the_facilitator(site, page_path=""):
    """How many drafts the demo facilitator has kept (on one page's address, when given): other browser
    tests on the same site leave drafts of their own on other pages."""
    return site.python(
        "from pd_platform.models import FormDraft; "
        "print(FormDraft.objects.filter(user__email='facilitator@example.org', "
        f"key__startswith='{page_path}').count())"
    )


def a_submitted_target_set(site):
    return site.python(SUBMITTED_SET.replace("{tag}", f"drafts{uuid.uuid4().hex[:6]}"))


def test_feedback_typed_survives_a_comment_on_a_target_and_a_reload_and_goes_when_sent(site, page, screenshot):
    from playwright.sync_api import expect

    submission_id = a_submitted_target_set(site)
    log_in(page, site, *FACILITATOR)
    page.goto(f"{site.url}/cohorts/review/{submission_id}/")
    feedback = page.get_by_label("Feedback", exact=True)
    feedback.fill(FEEDBACK)

    # Straight away, before the pause that saves it: a comment on one target, which sends the page away.
    comment = page.get_by_label("Feedback on “Students will know how to isolate a variable”")
    comment.fill("What will a student do to show it?")
    page.get_by_role("button", name="Add feedback on this target").nth(1).click()
    expect(page.get_by_text("Your feedback is saved; the participant sees it with their work.")).to_be_visible()
    expect(page.get_by_text("What will a student do to show it?")).to_be_visible()
    expect(feedback).to_have_value(FEEDBACK)
    # The comment was sent: its field starts empty again.
    expect(page.get_by_label("Feedback on “Students will know how to isolate a variable”")).to_have_value("")
    expect(page.get_by_role("status").filter(has_text="saved at").first).to_be_visible(timeout=10_000)

    page.reload()
    expect(feedback).to_have_value(FEEDBACK)
    expect(page.get_by_text("Your draft, saved at")).to_be_visible()
    screenshot("draft-kept-after-target-comment")

    page.get_by_role("radio", name="Needs revision").check()
    meets = page.get_by_role("radio", name="Meets")
    for i in range(meets.count()):
        meets.nth(i).check()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Feedback sent to")).to_be_visible()
    assert drafts_of_the_facilitator(site, f"/cohorts/review/{submission_id}/") == "0"
    page.goto(f"{site.url}/cohorts/review/{submission_id}/")
    expect(page.get_by_label("Feedback", exact=True)).to_have_value("")


def test_feedback_typed_while_the_connection_is_down_is_saved_when_it_is_back(site, page, screenshot):
    from playwright.sync_api import expect

    submission_id = a_submitted_target_set(site)
    log_in(page, site, *FACILITATOR)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site.url}/cohorts/review/{submission_id}/")
    feedback = page.get_by_label("Feedback", exact=True)
    send = page.get_by_role("button", name="Send feedback")
    where_send_is = "button => button.getBoundingClientRect().top + window.scrollY"
    send_at = send.evaluate(where_send_is)

    page.context.set_offline(True)
    feedback.fill(FEEDBACK)
    expect(page.get_by_text("Not saved yet: kept in this browser")).to_be_visible(timeout=10_000)
    screenshot("draft-offline-phone")

    page.context.set_offline(False)
    expect(page.get_by_text("Draft saved at")).to_be_visible(timeout=10_000)
    # The status line was kept for it: the buttons below did not move (a press as it appears still lands).
    assert send.evaluate(where_send_is) == send_at
    page.reload()
    expect(feedback).to_have_value(FEEDBACK)
    assert drafts_of_the_facilitator(site) != "0"

    # Typed offline and reloaded as soon as the connection is back: the browser's copy comes back and is sent.
    page.context.set_offline(True)
    feedback.fill(FEEDBACK + " Offline again.")
    page.context.set_offline(False)
    page.reload()
    expect(feedback).to_have_value(FEEDBACK + " Offline again.")
    # Saved as the connection came back ("Your draft, saved at …"), or now, from this browser's copy.
    expect(page.get_by_role("status").filter(has_text=re.compile(r"[Ss]aved at"))).to_be_visible(timeout=10_000)
    saved = site.python(
        "from pd_platform.models import FormDraft; "
        "print(FormDraft.objects.get(user__email='facilitator@example.org', key__endswith='#feedback').text)"
    )
    assert saved == FEEDBACK + " Offline again."
