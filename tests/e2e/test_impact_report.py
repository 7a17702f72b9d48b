"""The program office reads a cohort's impact report in the browser, at 1280 and 390 px, and
downloads its PDF, which is rendered to images to be looked at."""

import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, log_in
from tests.e2e.test_accessibility import violations

pytestmark = pytest.mark.browser

LEARNING = "Level 2: Participants' learning, each figure with the number of people behind it"


def test_the_office_reads_a_cohorts_impact_report_and_downloads_its_pdf(site, axe_page, axe_source, tmp_path):
    page = axe_page
    log_in(page, site, "admin@example.org", "open-the-cohort")
    page.get_by_role("navigation").get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="impact report").click()
    expect(page.get_by_role("heading", name="Impact reports", level=1)).to_be_visible()
    page.get_by_role("link", name="Learning-Based Grading, Cohort 02").click()

    expect(
        page.get_by_role("heading", name="Impact report: Learning-Based Grading, Cohort 02", level=1)
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Level 2: Participants' learning", level=2)).to_be_visible()
    learning = page.get_by_role("table", name=LEARNING)
    every_piece = learning.get_by_role("row").filter(
        has_text="People with every piece of their evidence rated complete"
    )
    expect(every_piece).to_contain_text("7 of 8 people (88%)")
    expect(every_piece.get_by_role("cell").last).to_have_text("8")
    expect(page.get_by_text("Learning Forward standards: Professional Expertise")).to_be_visible()
    outcomes = page.get_by_role(
        "table", name="Level 5: Student learning outcomes, each figure with the number of people behind it"
    )
    expect(outcomes).to_contain_text("Supplied by Riverside Unified: riverside-student-outcomes-2025-26.csv")
    assert violations(page, axe_source) == []
    page.screenshot(path=str(_screenshot("impact-report-1280")), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    expect(learning).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing pushes the page sideways
    assert violations(page, axe_source) == []
    page.screenshot(path=str(_screenshot("impact-report-390")), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    pdf = tmp_path / "impact.pdf"
    download.value.save_as(pdf)
    assert download.value.suggested_filename == "impact-cohort-learning-based-grading-cohort-02.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(SCREENSHOTS / "impact-report-pdf")], check=True)
        assert list(SCREENSHOTS.glob("impact-report-pdf-*.png"))


def _screenshot(name):
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
