"""A facilitator's workshop day in the browser: from home to a session's attendance, everyone present
with one exception, saved once, and seen in the gradebook; the gradebook on a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_attendance_from_home_everyone_present_one_exception_seen_in_the_gradebook(site, page, screenshot):
    log_in(page, site, "facilitator@example.org", "feedback-first")
    card = page.get_by_role("region", name="Workshop sessions")
    next_session = card.get_by_role("listitem").filter(has_text="Next session:")
    workshop = next_session.inner_text().split("Next session:")[1].split(",")[0].strip()
    # The demo's next session is weeks ahead: the card offers its sheet as "Who is registered" (on the
    # day itself, "Take attendance"); the sheet is the same page.
    next_session.get_by_role("link", name=re.compile(r"^(Take attendance of|Who is registered for) ")).click()
    session_path = page.url.replace(site.url, "")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Attendance: {workshop}")

    page.get_by_role("button", name="Mark everyone present").click()
    expect(page.get_by_role("status").filter(has_text="marked present (not saved yet)")).to_be_visible()
    assert page.get_by_label("Attendance of Avery Stone").input_value() == "present"
    # The exception, by keyboard: Devon Patel was absent.
    page.get_by_label("Attendance of Devon Patel").focus()
    page.get_by_label("Attendance of Devon Patel").select_option("absent")
    screenshot("attendance-1280")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text(f"Attendance saved for {workshop}")).to_be_visible()
    assert page.get_by_label("Attendance of Devon Patel").input_value() == "absent"
    assert page.get_by_label("Attendance of Blake Rivera").input_value() == "present"

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Gradebook").click()
    region = page.get_by_role("region", name="Gradebook (scrolls sideways; the header rows and the names stay in view)")
    expect(page.get_by_role("columnheader", name=workshop, exact=True)).to_be_visible()
    devon = region.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Devon Patel"))
    blake = region.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Blake Rivera"))
    # The session's attendance column: its header opens the session, Blake's cell is complete and
    # Devon's missing, each a link to their row on the attendance page.
    expect(region.get_by_role("link", name="Attendance").and_(page.locator(f'[href="{session_path}"]'))).to_have_count(
        1
    )
    expect(blake.locator(f'a[href^="{session_path}#person-"]')).to_have_accessible_name("Complete")
    expect(devon.locator(f'a[href^="{session_path}#person-"]')).to_have_accessible_name("Missing")
    screenshot("gradebook-series-1280")


def test_the_gradebook_on_a_phone_keeps_the_names_and_says_it_scrolls(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        log_in(page, site, "facilitator@example.org", "feedback-first")
        page.goto(site.url + "/certificates/cohorts/progress/")
        page.get_by_role("region", name="Learning-Based Grading: Cohort 03").get_by_role(
            "link", name="Gradebook"
        ).click()
        expect(page.get_by_text("Scroll the table sideways to see all 13 activities")).to_be_visible()
        region = page.get_by_role(
            "region", name="Gradebook (scrolls sideways; the header rows and the names stay in view)"
        )
        assert region.get_attribute("tabindex") == "0"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # By keyboard: focus the region, scroll it with the arrow keys; the names stay at its left edge.
        region.focus()
        for _ in range(12):
            page.keyboard.press("ArrowRight")
        assert region.evaluate("frame => frame.scrollLeft") > 0
        name = region.get_by_role("rowheader", name="Jordan Lee").bounding_box()
        assert abs(name["x"] - region.bounding_box()["x"]) <= 2
        # Module headers over their activities, and each cell a link to the submission.
        expect(region.get_by_role("columnheader", name="Module 1: Mastery Grading, an Introduction")).to_be_attached()
        jordan = region.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Jordan Lee"))
        jordan.get_by_role("link", name="Submitted").first.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(__import__("re").compile(r"/cohorts/review/\d+/$"))
        page.go_back()
        page.screenshot(path="/tmp/pt-grades-gradebook-390.png", full_page=True)
    finally:
        context.close()
