"""Cohort health as the demo facilitator meets it: who is flagged and why, a nudge in one click, the
charts with their tables, on a desktop and on a phone, with no serious accessibility problem."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, log_in
from tests.e2e.test_accessibility import violations

pytestmark = pytest.mark.browser


def shoot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_facilitator_sees_why_someone_is_flagged_and_nudges_them(site, axe_page, axe_source):
    page = axe_page
    log_in(page, site, "facilitator@example.org", "feedback-first")
    desk = page.get_by_role("article", name=re.compile("Learning-Based Grading · Cohort 03"))
    desk.get_by_role("link", name="who may need a word from you, and the cohort's charts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Health of Learning-Based Grading, Cohort 03")

    taylor = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Taylor Brooks"))
    expect(taylor.get_by_text(re.compile(r"No activity in \d+ days \(nothing yet\)"))).to_be_visible()
    expect(taylor.get_by_text("flagged after 10 days")).to_be_visible()
    pat = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Pat Rivera"))
    expect(pat.get_by_text(re.compile(r"Revision waiting \d+ days: Learning Targets"))).to_be_visible()
    assert violations(page, axe_source) == []
    shoot(page, "cohort-health-1280")

    page.get_by_role("button", name="E-mail Taylor Brooks “Your course is waiting for you”").click()
    expect(page.get_by_text("Taylor Brooks was sent “Your course is waiting for you”.")).to_be_visible()
    expect(taylor.get_by_text(re.compile(r"Nudged on \w{3} \d+, \d{4} by Fran Okafor"))).to_be_visible()
    expect(page.get_by_role("button", name="E-mail Taylor Brooks “Your course is waiting for you”")).to_have_count(0)

    # A chart's figures as a table, for a screen reader and anyone who wants the numbers.
    page.get_by_text("Revisions per activity as a table").click()
    table = page.get_by_role("table", name=re.compile("Revisions per activity"))
    expect(table.get_by_role("columnheader", name="Revisions asked for")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Submissions waiting for feedback"))).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download submissions waiting for feedback (CSV)").click()
    assert download.value.suggested_filename.endswith("-waiting.csv")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    chart = page.get_by_role("img", name=re.compile("Submissions waiting for feedback"))
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # the chart fits the phone's width
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways
    assert violations(page, axe_source) == []
    shoot(page, "cohort-health-390")
