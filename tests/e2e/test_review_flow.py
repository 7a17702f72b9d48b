"""The demo facilitator works the review queue: a resubmission is marked with what the last
feedback asked; from a review the keyboard and the buttons go to the next and previous submission
of the queue as filtered; sending feedback lands on the next one. And the queue on a phone."""

import re

import pytest

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

FACILITATOR = ("facilitator@example.org", "feedback-first")

SETUP = """
from datetime import date, timedelta
from django.utils import timezone
from cohorts.coursework.models import Review, Revision, Submission
from modules.models import Activity
from pd_platform.accounts.models import User
from pd_platform.sanitize import render_user_text
from tests import factories
facilitator = User.objects.get(email="facilitator@example.org")
cohort = factories.CohortFactory(name="Cohort Review Flow", start_date=date.today(), facilitators=[facilitator])
targets = Activity.objects.get(key="lbg-m02-learning-targets")
for days, name, revisions in ((30, "Ana Alvarez", 3), (29, "Ben Okoro", 1), (28, "Cleo Park", 1)):
    enrollment = factories.EnrollmentFactory(cohort=cohort, user=factories.participant(full_name=name))
    submission = Submission.objects.create(
        enrollment=enrollment, activity=targets, status="submitted", submitted_at=timezone.now() - timedelta(days=days)
    )
    for number in range(1, revisions + 1):
        source = f"- I can compare fractions (revision {number} by {name})."
        revision = Revision.objects.create(submission=submission, number=number, source=source, body=render_user_text(source))
        if number < revisions:
            Review.objects.create(
                revision=revision, reviewer=facilitator, rating="needs_revision",
                feedback=render_user_text("Name the **evidence** a student would show."),
                rubric=[{"criterion": c, "meets": i != 1, "comment": ""} for i, c in enumerate(targets.rubric_criteria)],
            )
print(cohort.pk)
"""


def test_a_facilitator_moves_through_the_queue_by_keyboard_and_lands_on_the_next(site, page, screenshot):
    from playwright.sync_api import expect

    cohort_id = site.python(SETUP)
    log_in(page, site, *FACILITATOR)
    page.goto(site.url + "/cohorts/review/")
    page.get_by_label("Cohort").select_option(value=cohort_id)
    page.get_by_role("button", name="Filter").click()
    queue = page.get_by_role("table")
    ana = queue.get_by_role("row").filter(has_text="Ana Alvarez")
    expect(ana).to_contain_text("Revision 3 — resubmitted")
    expect(ana).to_contain_text("Last feedback asked: “Name the evidence a student would show.”")
    expect(ana).to_contain_text("Not yet met:")
    expect(queue.get_by_role("row").filter(has_text="Ben Okoro")).not_to_contain_text("resubmitted")
    screenshot("review-queue-resubmission")

    page.get_by_role("link", name="Review Learning Targets by Ana Alvarez").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ana Alvarez")
    expect(page.get_by_text("1 of 3 waiting")).to_be_visible()
    expect(page.get_by_text("for the next (not while typing in a field)")).to_be_visible()
    # Revision 3 against revision 2: the words as they read, no Markdown's "- ".
    expect(page.locator(".diff")).to_contain_text("I can compare fractions (revision")
    expect(page.locator(".diff")).not_to_contain_text("- I can")

    screenshot("review-with-queue-navigation")
    # Typing in a field never moves on.
    feedback = page.get_by_label("Feedback", exact=True)
    feedback.click()
    page.keyboard.type("j] k[")
    expect(feedback).to_have_value("j] k[")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ana Alvarez")
    feedback.fill("")

    # Outside a field, "]" goes to the next in the queue, the filter kept.
    page.get_by_role("heading", level=1).click()
    page.keyboard.press("]")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ben Okoro")
    expect(page.get_by_text("2 of 3 waiting")).to_be_visible()
    assert f"cohort={cohort_id}" in page.url

    # The button goes back.
    page.get_by_role("link", name="Previous submission").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ana Alvarez")

    page.get_by_role("group", name="Rating").get_by_label("Complete").check()
    page.get_by_label("Feedback", exact=True).fill("Measurable and clear now. Complete.")
    for meets in page.get_by_role("group", name="Single-point rubric").get_by_role("radio", name="Meets").all():
        meets.check()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Feedback sent to Ana Alvarez.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ben Okoro")
    expect(page.get_by_text("1 of 2 waiting")).to_be_visible()
    assert f"cohort={cohort_id}" in page.url


def test_the_queue_on_a_phone_shows_each_review_button_without_sideways_scroll(site, browser):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, site, *FACILITATOR)
        page.goto(site.url + "/cohorts/review/")
        buttons = page.get_by_role("link", name=re.compile(r"^Review .+ by "))
        expect(buttons.first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for button in buttons.all():
            box = button.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
            assert box["height"] >= 44, box
        page.screenshot(path=str(_phone_path()), full_page=True)
        # The review page too: the way on, and no sideways scroll.
        buttons.first.click()
        expect(page.get_by_role("navigation", name="Submissions in the queue")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(_phone_path("review-phone")), full_page=True)
    finally:
        context.close()


def _phone_path(name="review-queue-phone"):
    from tests.e2e.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
