"""The community of practice and follow-up assignments as people meet them, by role and label:
a participant replies and reports, the facilitator moderates, a graduate answers a follow-up,
the facilitator gives one from a review."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

RETAKES = "Retakes without losing a whole class period?"


def test_a_participant_replies_in_the_community_and_reports_an_advertisement(site, page):
    log_in(page, site, "participant@example.org", "learn-by-revising")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Community").click()
    expect(page.get_by_role("heading", level=2, name="Learning-Based Grading")).to_be_visible()
    topics = page.get_by_role("region", name="Topics of Learning-Based Grading")
    topics.get_by_role("link", name="Gradebooks and grading periods").click()
    page.get_by_role("link", name=RETAKES).click()
    assert page.get_by_role("heading", level=1).inner_text() == RETAKES

    opening = page.get_by_role("article").filter(has=page.get_by_role("heading", name="Jordan Lee")).first
    opening.get_by_text("Reply to Jordan Lee").click()
    opening.get_by_label("Your reply").fill("We do retakes during advisory, twice a week.")
    opening.get_by_role("button", name="Reply").click()
    expect(page.get_by_text("Your reply is posted.")).to_be_visible()
    expect(page.get_by_text("We do retakes during advisory, twice a week.")).to_be_visible()

    advert = page.get_by_role("article").filter(has=page.get_by_role("heading", name="Sam Ortiz")).last
    advert.get_by_text("Report this post").click()
    advert.get_by_label("What is wrong with this post?").fill("An advertisement.")
    advert.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("Thank you: the moderators will look at it.")).to_be_visible()


def test_the_facilitator_hides_the_reported_post_from_the_moderation_desk(site, page):
    log_in(page, site, "facilitator@example.org", "feedback-first")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Community").click()
    page.get_by_role("link", name="Moderation: reports and log").first.click()
    report = page.get_by_role("article").filter(has_text="Selling my old grading stamps")
    report.get_by_label("Why (kept in the log; optional)").fill("Advertising is not what the community is for.")
    report.get_by_role("button", name="Hide the post").click()

    expect(page.get_by_text("The post is hidden (it is kept, and can be restored).")).to_be_visible()
    expect(page.get_by_text("No reports waiting.")).to_be_visible()
    log = page.get_by_role("table", name="The latest moderation actions, newest first")
    expect(log.get_by_role("cell", name="Advertising is not what the community is for.")).to_be_visible()


def test_a_graduate_answers_a_follow_up_assignment(site, page):
    log_in(page, site, "graduate@example.org", "certified-in-mastery")
    page.get_by_role("link", name="Bring your gradebook after the first grading period").first.click()
    expect(page.get_by_text("Follow-up assignment")).to_be_visible()
    page.get_by_label("Your response").fill("My gradebook after period one: two rows to discuss, Ava and Leo.")
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page.get_by_text("is submitted for feedback")).to_be_visible()
    expect(page.get_by_text("Your latest revision is waiting for feedback.")).to_be_visible()


def test_the_facilitator_gives_a_follow_up_from_a_review(site, page):
    log_in(page, site, "facilitator@example.org", "feedback-first")
    page.goto(site.url + "/cohorts/review/")
    page.get_by_role("link", name="Review Learning Targets by Riley Chen").click()
    page.get_by_role("link", name="Give Riley Chen a follow-up assignment on this work").click()

    expect(page.get_by_role("group", name="Give it to").get_by_label("Riley Chen")).to_be_checked()
    page.get_by_label("Title").fill("Targets for your next unit")
    page.get_by_label("What you are asking for").fill("Write three targets for the unit after ratios.")
    page.get_by_role("button", name="Give the assignment").click()

    expect(page.get_by_text("is given to 1 participant.")).to_be_visible()
    table = page.get_by_role("table", name="follow-up assignments, newest first")
    expect(table.get_by_role("rowheader", name="Targets for your next unit")).to_be_visible()


def test_a_check_in_answer_leads_the_facilitator_to_a_follow_up_for_that_person(site, browser):
    site.python(
        "from datetime import timedelta; from django.utils import timezone; "
        "from certificates.models import Certificate; "
        "Certificate.objects.filter(enrollment__user__email='graduate@example.org', enrollment__cohort__name='Cohort 03')"
        ".update(issued_at=timezone.now() - timedelta(days=31))"
    )
    graduate = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # on her phone
    log_in(graduate, site, "graduate@example.org", "certified-in-mastery")
    graduate.get_by_role("link", name="Answer the check-in").first.click()
    question = "I have used what I built in the course (targets, gradebook, plan) with students."
    graduate.get_by_role("group", name=question).get_by_label("Agree", exact=True).check()
    graduate.get_by_label("What changed for your students?").fill("They ask for retakes instead of extra credit.")
    graduate.get_by_label("What support would help you now?").fill("A second look at my gradebook.")
    graduate.get_by_role("button", name="Send my answers").click()
    expect(graduate.get_by_text("Thank you: your facilitator will read it.")).to_be_visible()
    graduate.context.close()

    facilitator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(facilitator, site, "facilitator@example.org", "feedback-first")
    cohort_03 = facilitator.get_by_role("listitem").filter(has_text="Learning-Based Grading, Cohort 03")
    cohort_03.get_by_role("link", name="check-ins").click()
    expect(facilitator.get_by_text("A second look at my gradebook.")).to_be_visible()
    facilitator.get_by_role("link", name="Give Gabriela Moreno a follow-up assignment").first.click()
    expect(facilitator.get_by_role("group", name="Give it to").get_by_label("Gabriela Moreno")).to_be_checked()
    facilitator.context.close()
