"""Feedback anchored to passages, as a facilitator and a participant meet it: the facilitator
selects words of a submitted revision and comments on them, the participant answers under the
comment and resubmits with other lines changed, and the next review shows the comment on the same
words with the answer; a banked comment goes into the feedback with one keystroke."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.browser

PASSWORD = "answer-the-comments"
PASSAGE = "graph a line from its equation"
SELECT = """(el, words) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const at = node.data.indexOf(words);
        if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return true;
        }
    }
    return false;
}"""


def _jordan(site):
    return site.python(
        "from django.contrib.auth import get_user_model; from allauth.account.models import EmailAddress; "
        "from cohorts.coursework.models import Submission; "
        "u = get_user_model().objects.get(email='jordan.lee@example.org'); "
        f"u.set_password('{PASSWORD}'); u.save(); "
        "EmailAddress.objects.update_or_create(user=u, email=u.email, defaults={'verified': True, 'primary': True}); "
        "print(Submission.objects.get(enrollment__user=u, activity__key='lbg-m02-learning-targets').participant_url())"
    )


def _open_review(page, site):
    page.goto(site.url + "/cohorts/review/")
    page.get_by_role("link", name="Review Learning Targets by Jordan Lee").click()


def test_a_comment_follows_its_passage_through_a_resubmission(site, browser):
    activity_path = _jordan(site)

    facilitator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(facilitator, site, "facilitator@example.org", "feedback-first")
    _open_review(facilitator, site)
    text = facilitator.get_by_role("region", name="Revision 1 as written, commented passages marked")
    assert text.evaluate(SELECT, PASSAGE)
    facilitator.get_by_role("button", name="Comment on this passage").click()
    expect(facilitator.get_by_label("Passage (copy the words)")).to_have_value(PASSAGE)
    expect(facilitator.get_by_label("Comment on the passage")).to_be_focused()
    facilitator.keyboard.type("Which form of the equation? Slope-intercept only?")
    facilitator.get_by_role("button", name="Add the comment").click()
    expect(facilitator.get_by_text("Your comment on “graph a line from its equation” is kept")).to_be_visible()
    expect(facilitator.get_by_text("Which form of the equation? Slope-intercept only?")).to_be_visible()
    facilitator.get_by_label("Needs revision", exact=True).check()
    facilitator.get_by_role("textbox", name="Feedback", exact=True).fill("Look at the comment on your second target.")
    for group in facilitator.get_by_role("group").all():
        if group.get_by_label("Meets", exact=True).count():
            group.get_by_label("Meets", exact=True).first.check()
    facilitator.get_by_role("button", name="Send feedback").click()
    expect(facilitator.get_by_text("Feedback sent to Jordan Lee.")).to_be_visible()

    participant = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(participant, site, "jordan.lee@example.org", PASSWORD)
    participant.goto(site.url + activity_path)
    expect(participant.get_by_text("Which form of the equation? Slope-intercept only?")).to_be_visible()
    marked = participant.get_by_role("region", name="Revision 1 as written, commented passages marked")
    expect(marked.locator("mark")).to_have_text(PASSAGE)
    participant.get_by_text("Answer comment 1").click()
    participant.get_by_label("Your answer to comment 1").fill("Slope-intercept and point-slope.")
    participant.get_by_role("button", name="Post the answer").click()
    expect(participant.get_by_text("Your answer is posted under the comment.")).to_be_visible()
    participant.screenshot(path=str(SCREENSHOTS / "passage-comments-participant-390.png"), full_page=True)
    response = participant.get_by_label("Your response")
    response.fill(
        "- I can compare two ratios using a table or a double number line.\n"
        "- I can graph a line from its equation.\n(from Jordan Lee)"
    )
    participant.get_by_role("button", name="Submit for feedback").click()
    expect(participant.get_by_text("is submitted for feedback")).to_be_visible()
    participant.context.close()

    _open_review(facilitator, site)
    expect(facilitator.get_by_role("heading", name="Earlier comments and what changed")).to_be_visible()
    expect(facilitator.get_by_text("Kept: the same words are still there.")).to_be_visible()
    text = facilitator.get_by_role("region", name="Revision 2 as written, commented passages marked")
    expect(text.locator("mark")).to_have_text(PASSAGE)
    expect(facilitator.get_by_text("Slope-intercept and point-slope.")).to_be_visible()

    facilitator.get_by_text("Keep a comment in the bank").click()
    facilitator.get_by_label("Under", exact=True).select_option(label="General")
    facilitator.get_by_label("Comment to keep").fill("Clear, measurable targets: complete.")
    facilitator.get_by_role("button", name="Keep in the bank").click()
    expect(facilitator.get_by_text("Kept in the comment bank under General.")).to_be_visible()
    feedback = facilitator.get_by_role("textbox", name="Feedback", exact=True)
    feedback.fill("Thank you.")
    feedback.press("End")
    facilitator.get_by_role("listbox", name="Comment bank of Learning-Based Grading").focus()
    facilitator.keyboard.press("1")
    expect(feedback).to_have_value("Thank you. Clear, measurable targets: complete.")
    expect(feedback).to_be_focused()
    facilitator.get_by_label("Complete", exact=True).check()
    for group in facilitator.get_by_role("group").all():
        if group.get_by_label("Meets", exact=True).count():
            group.get_by_label("Meets", exact=True).first.check()
    facilitator.get_by_role("button", name="Send feedback").click()
    expect(facilitator.get_by_text("Feedback sent to Jordan Lee.")).to_be_visible()
    facilitator.go_back()
    facilitator.reload()
    expect(facilitator.get_by_text("used 1 time", exact=True)).to_be_visible()

    facilitator.set_viewport_size({"width": 390, "height": 844})
    facilitator.reload()
    facilitator.screenshot(path=str(SCREENSHOTS / "passage-comments-review-390.png"), full_page=True)
    assert facilitator.evaluate("document.documentElement.scrollWidth") <= 390
    facilitator.context.close()
