"""A teacher builds learning targets for their own course in the browser: the checks appear as
they type, by keyboard alone, and the set downloads for Canvas."""

import csv
import io

from tests.e2e.conftest import log_in
from tests.factories import PASSWORD


def test_a_teacher_builds_targets_with_the_checks_live(site, page, screenshot):
    from playwright.sync_api import expect

    site.python(
        "from tests import factories; factories.participant(email='builder@example.org', full_name='Bo Builder')"
    )
    log_in(page, site, "builder@example.org", PASSWORD)
    page.goto(site.url + "/dashboard/")
    page.get_by_role("link", name="Open the toolkit").click()
    page.get_by_role("link", name="Start a target set").click()
    page.get_by_label("Course").fill("Biology 9")
    page.get_by_label("Grade band").select_option(label="Grades 9-12")
    page.get_by_role("button", name="Create the set").click()
    expect(page.get_by_role("heading", level=1, name="Biology 9")).to_be_visible()

    page.get_by_label("Standard or understanding").fill("Cells are the basic unit of life")
    page.get_by_label("Code").fill("HS-LS1-1")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="HS-LS1-1: Cells are the basic unit of life")).to_be_visible()

    target = page.get_by_label("New learning target under “HS-LS1-1”")
    target.fill("Students will understand cell organelles")
    checks = page.locator(f"#{target.get_attribute('aria-describedby').split()[-1]}")
    expect(checks).to_contain_text("“understand” happens inside a head", timeout=10_000)
    expect(checks).to_contain_text("Written for the student")
    screenshot("target-checks-live")

    target.fill("I can explain how organelles work together in a cell")
    expect(checks).to_contain_text("All six checks pass.", timeout=10_000)
    target.press("Enter")  # the keyboard submits the form
    expect(page.get_by_text("I can explain how organelles work together in a cell", exact=True)).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Canvas outcomes (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert [r["title"] for r in rows if r["object_type"] == "outcome"] == [
        "I can explain how organelles work together in a cell"
    ]
