"""The demo participant, partway through both programs, on a desktop and then on her phone: the feedback waiting
for her, the revision form under it, where each course stands, and her next workshop session. She reads; she
changes nothing (other browser tests start from her state)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def test_the_demo_participant_reads_her_feedback_and_where_each_course_stands(site, page):
    log_in(page, site, "participant@example.org", "learn-by-revising")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Pat")
    expect(page.get_by_role("region", name="Office hours")).to_contain_text("you have a seat")

    # The feedback waiting on her learning targets, and the form to revise them under it.
    page.get_by_role("main").get_by_role("link", name="Learning Targets", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning Targets")
    expect(page.get_by_role("heading", name="Feedback to act on")).to_be_visible()
    expect(page.get_by_text("Understand and know are not measurable")).to_be_visible()
    expect(page.get_by_role("heading", name="Revise and resubmit")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("{#")
    page.set_viewport_size({"width": 390, "height": 844})
    fits_the_phone(page)

    # My courses: she is at work in both; neither sends her back to the start.
    page.get_by_role("link", name="My courses").first.click()
    for course in ("Learning-Based Grading: Cohort 03", "Mastery Learning and Grading: Riverside Fall Series"):
        region = page.get_by_role("region", name=course)
        expect(region).to_contain_text("Next:")
        expect(region).not_to_contain_text("How this course works")
        expect(region).not_to_contain_text("start with the")
    fits_the_phone(page)

    # Her next workshop: when and where, on the workshop's page.
    page.get_by_role("region", name="Mastery Learning and Grading: Riverside Fall Series").get_by_role(
        "link", name="Open the course"
    ).click()
    page.get_by_role("link", name="Workshop 3").click()
    session = page.get_by_role("region", name="Your session")
    expect(session).to_contain_text(re.compile(r"3:45 PM to 5:45 PM"))
    expect(session).to_contain_text("Riverside District Office, Room 4")
    expect(page.get_by_text("this page counts for 2 hours of the program")).to_be_visible()
    fits_the_phone(page)
    # A long title ("Assignments/Assessments") wraps on the phone instead of widening the page.
    page.goto(site.url + "/learning-based-grading/module-04/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Designing Mastery Assignments/Assessments")
    fits_the_phone(page)
