"""A facilitator answers a discussion post from their home, the count of posts waiting falls,
and the participant finds the answer marked as the facilitator's; on a desktop and a phone."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.browser

ANSWER = "Proportional reasoning is a strong anchor: which unit will you start it in?"


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_the_facilitator_answers_from_home_and_the_participant_sees_whose_answer_it_is(site, browser):
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.set_default_timeout(15_000)
    log_in(page, site, "facilitator@example.org", "feedback-first")
    waiting = page.get_by_role("listitem").filter(has_text="Discussions without a reply")
    big_concepts = waiting.get_by_role("link", name="Big Concepts").first
    expect(big_concepts).to_be_visible()
    address = big_concepts.get_attribute("href")
    big_concepts.click()

    expect(page.get_by_role("heading", level=1, name="Big Concepts")).to_be_visible()
    expect(page.get_by_text("1 post waiting for a reply")).to_be_visible()
    # The post waiting (a colleague's) has its reply box open: answer it.
    waiting_thread = page.get_by_role("article").filter(has_text="Waiting for a reply")
    waiting_thread.get_by_label("Your reply to", exact=False).fill("Welcome: where would you like to start?")
    waiting_thread.get_by_role("button", name="Reply").click()
    expect(page.get_by_text("is posted, marked “Facilitator”.")).to_be_visible()
    expect(page.get_by_text("Every post has a reply.")).to_be_visible()

    # Pat's post has a colleague's reply already; the facilitator adds theirs.
    thread = page.get_by_role("article").filter(has=page.get_by_role("heading", name="Pat Rivera")).first
    thread.get_by_text("Reply to Pat Rivera", exact=True).click()
    thread.get_by_label("Your reply to Pat Rivera").fill(ANSWER)
    thread.get_by_role("button", name="Reply").click()
    expect(page.get_by_text("Your reply to Pat Rivera is posted, marked “Facilitator”.")).to_be_visible()
    expect(page.get_by_role("heading", name="Fran Okafor Facilitator")).to_have_count(2)

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Home").click()
    waiting = page.get_by_role("listitem").filter(has_text="Discussions without a reply")
    expect(waiting.get_by_role("link", name="Introductions").first).to_be_visible()  # still waiting there
    expect(page.locator(f'a[href="{address}"]')).to_have_count(0)  # answered: gone from the count
    desk.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.set_default_timeout(15_000)
    log_in(page, site, "participant@example.org", "learn-by-revising")
    page.goto(site.url + "/learning-based-grading/")
    page.get_by_role("link", name="Module 01", exact=False).first.click()
    page.get_by_role("link", name="Join the discussion: Big Concepts").click()
    # the innermost article holding the answer: the reply itself, inside Pat's thread
    reply = page.get_by_role("article").filter(has_text=ANSWER).last
    expect(reply.get_by_role("heading", name="Fran Okafor Facilitator")).to_be_visible()
    expect(reply.get_by_text(ANSWER)).to_be_visible()
    reply.scroll_into_view_if_needed()
    assert no_horizontal_scroll(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "discussion-participant-390.png"), full_page=True)
    phone.close()


def test_the_facilitator_reaches_the_cohorts_discussion_from_the_module_page_on_a_phone(site, browser):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.set_default_timeout(15_000)
    log_in(page, site, "facilitator@example.org", "feedback-first")
    page.goto(site.url + "/learning-based-grading/")
    page.get_by_role("link", name="Module 01", exact=False).first.click()
    link = page.get_by_role("link", name="Discussion in Cohort 03: Golden Lines")
    expect(link).to_be_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    link.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "module-facilitator-390.png"))
    assert no_horizontal_scroll(page)
    link.click()
    expect(page.get_by_role("heading", level=1, name="Golden Lines")).to_be_visible()
    expect(page.get_by_text("Discussion · Learning-Based Grading · Cohort 03")).to_be_visible()
    page.get_by_label("Your post").fill("A line from me to start the week: what did you reread?")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text("Your post is up, marked “Facilitator”.")).to_be_visible()
    mine = page.get_by_role("article").filter(has=page.get_by_role("heading", name="Fran Okafor Facilitator"))
    expect(mine.get_by_role("button", name="Hide this post")).to_be_visible()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(SCREENSHOTS / "discussion-facilitator-390.png"), full_page=True)
    phone.close()
