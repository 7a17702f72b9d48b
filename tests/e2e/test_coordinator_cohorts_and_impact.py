"""A district's PD coordinator, on a desk and on a phone: from the workspace to their people's health in the
cohorts that have not ended (who is flagged and why; the charts of their work, each with its table and CSV), then
to the district's impact report and its PDF and Excel files."""

import csv
import io
import os
import re

import pytest
from openpyxl import load_workbook

from tests.e2e.test_accessibility import violations
from tests.e2e.test_district_workspace import coordinator_in_the_workspace

pytestmark = pytest.mark.browser
WALK = os.environ.get("E2E_WALK_DIR")  # to read each page as the coordinator does: its text and a picture


def read(page, name, width):
    if WALK:
        page.screenshot(path=f"{WALK}/{name}-{width}.png", full_page=True)
        with open(f"{WALK}/{name}-{width}.txt", "w") as out:
            out.write(page.inner_text("main"))


@pytest.mark.parametrize("width", [1280, 390])
def test_the_coordinator_sees_their_cohorts_health_and_the_impact_report(site, browser, axe_source, width):
    context, page = coordinator_in_the_workspace(site, browser, width)
    read(page, "workspace", width)
    workspace = page.get_by_role("navigation", name="District workspace")
    workspace.get_by_role("link", name="Cohort health").click()

    page.get_by_role("heading", name="Cohort health", level=1).wait_for()
    cohort = page.get_by_role("region", name="Learning-Based Grading, Cohort 03", exact=True)
    taylor = cohort.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Taylor Brooks"))
    assert "No activity in 14 days (nothing yet)" in taylor.first.inner_text()
    assert "flagged after 10 days" in taylor.first.inner_text()

    # A chart of their people's work in the cohort, fitting the screen, with its table and its CSV.
    waiting = "Submissions waiting for feedback of your people in Cohort 03"
    chart = cohort.get_by_role("img", name=re.compile("^" + waiting))
    chart.wait_for()
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] > 0
    cohort.get_by_text("Submissions waiting for feedback as a table").click()
    table = cohort.get_by_role("table", name=waiting)
    table.get_by_role("columnheader", name="Submissions").wait_for()
    assert [h.inner_text() for h in table.get_by_role("rowheader").all()][0] == "Under 2 days"
    with page.expect_download() as download:
        cohort.get_by_role("link", name=f"Download {waiting[0].lower()}{waiting[1:]} (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as rows:
        assert list(csv.reader(rows))[0] == ["Waiting", "Submissions"]
    read(page, "health", width)
    assert violations(page, axe_source) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    cohort.get_by_role("link", name="Taylor Brooks").click()
    page.get_by_role("heading", name="Taylor Brooks", level=1).wait_for()
    page.get_by_role("navigation", name="District workspace").get_by_role("link", name="Impact report").click()

    page.get_by_role("heading", name="Impact report: Riverside Unified", level=1).wait_for()
    page.get_by_role("heading", name=re.compile("Participants' learning")).wait_for()
    read(page, "impact", width)
    assert violations(page, axe_source) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    with open(download.value.path(), "rb") as xlsx:
        rows = list(load_workbook(io.BytesIO(xlsx.read())).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Impact report", "Riverside Unified")
    context.close()
