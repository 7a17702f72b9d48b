"""What a teacher is told about where they stand, as they read it, at desktop width and on a phone:
"Next" names the first thing not done, the same on the home, My courses and the progress page; a
workshop ahead is not "Missing"; the home's count is the progress page's; the graduate is offered what
graduates do, with no deadline and no evaluation to fill in."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

WIDTHS = [1280, 390]


def _course_card(page, program):
    return page.get_by_role("article", name=re.compile(program))


@pytest.mark.parametrize("width", WIDTHS)
def test_partway_through_next_is_the_first_thing_not_done_everywhere(site, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, site, "participant@example.org", "learn-by-revising")
    course = _course_card(page, "Learning-Based Grading")
    home_next = course.get_by_role("listitem").filter(has_text="Next:")
    expect(home_next).to_have_count(1)
    next_title = home_next.get_by_role("link").inner_text()
    assert next_title not in ("How this course works", "Introductions")  # Pat is past the Welcome module
    home_count = course.get_by_role("listitem").filter(has_text="Progress:").inner_text()
    count = re.search(r"\d+ of \d+ complete; \d+ more needed for the certificate", home_count).group(0)
    series = _course_card(page, "Mastery Learning and Grading")
    series_next = series.get_by_role("listitem").filter(has_text="Next:").get_by_role("link").inner_text()

    page.get_by_role("link", name="My courses", exact=True).first.click()
    for program, title in (("Learning-Based Grading", next_title), ("Mastery Learning and Grading", series_next)):
        panel = page.get_by_role("region", name=re.compile(program))
        expect(panel.locator(".next-step")).to_contain_text(title)
        expect(panel).not_to_contain_text("start with the Welcome module")
        expect(panel).not_to_contain_text("start with the Introduction workshop")

    page.get_by_role("region", name=re.compile("Learning-Based Grading")).get_by_role(
        "link", name="Your progress"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")
    expect(page.locator(".progress-text")).to_have_text(count)  # the home's words, the same numbers
    expect(page.locator(".next-step")).to_contain_text(next_title)

    # The workshop series: a workshop weeks away says its date, never "Missing" (the last one: the
    # attendance browser test may have recorded the next session in the shared demo already).
    page.get_by_role("link", name="My courses").first.click()
    page.get_by_role("region", name=re.compile("Mastery Learning and Grading")).get_by_role(
        "link", name="Your progress"
    ).click()
    expect(page.locator(".next-step")).to_contain_text(series_next)
    workshop_5 = page.get_by_role("region", name="Workshop 5")
    expect(workshop_5).to_contain_text(re.compile(r"Session on [A-Z][a-z]{2} \d+"))
    expect(page.get_by_role("main")).not_to_contain_text("Missing")
    workshop_5.get_by_role("link", name="Attendance").click()
    expect(page.get_by_role("main")).not_to_contain_text("Missing")
    expect(page.get_by_text(re.compile(r"Status: Session on"))).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_graduate_is_offered_what_graduates_do(site, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, site, "graduate@example.org", "certified-in-mastery")
    course = _course_card(page, "Learning-Based Grading")
    expect(course.get_by_role("link", name="Download your certificate")).to_be_visible()
    expect(course.get_by_role("listitem").filter(has_text="Next:").get_by_role("link")).to_have_text("Your transcript")
    for offered in ("The community of practice", "Take a seat at office hours", "Run a site cohort"):
        expect(course.get_by_role("link", name=offered)).to_be_visible()
    expect(course).not_to_contain_text("Next deadline")
    expect(course).not_to_contain_text("Fill in the evaluation")
    expect(course).not_to_contain_text("How this course works")
    expect(course).to_contain_text("you have met the completion requirement")

    page.get_by_role("link", name="My courses", exact=True).first.click()
    panel = page.get_by_role("region", name=re.compile("Learning-Based Grading"))
    expect(panel.locator(".next-step")).to_contain_text("Your transcript")
    expect(panel).not_to_contain_text("start with the Welcome module")
    panel.get_by_role("link", name="Your transcript").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
