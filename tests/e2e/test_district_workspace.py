"""A district's PD coordinator, on a desk and on a phone: signs in, finds the district's people, opens one,
downloads the list, and shares a report that opens for someone signed out."""

import csv
import io
import re

import pytest

from tests.e2e.conftest import log_in
from tests.e2e.test_accessibility import violations

pytestmark = pytest.mark.browser


def coordinator_in_the_workspace(site, browser, width):
    """The demo's coordinator, signed in, on the workspace's overview: (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, site, "coordinator@riverside.example.org", "see-the-district")
    page.get_by_role("link", name="District", exact=True).click()
    page.get_by_role("heading", name="District workspace").wait_for()
    return context, page


@pytest.mark.parametrize("width", [1280, 390])
def test_the_coordinators_journey(site, browser, axe_source, width):
    context, page = coordinator_in_the_workspace(site, browser, width)
    assert "Riverside Unified" in page.inner_text("main")
    workspace = page.get_by_role("navigation", name="District workspace")
    workspace.get_by_role("link", name="People").click()
    table = page.get_by_role("table", name=re.compile("^People, Riverside Unified"))
    table.wait_for()
    assert violations(page, axe_source) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    with page.expect_download() as download:
        page.get_by_role("link", name="People as CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Name", "Email", "School", "Registrations", "PD hours", "Certificates"] in rows
    assert any(row[:2] == ["Pat Rivera", "participant@example.org"] for row in rows)

    table.get_by_role("link", name="Pat Rivera").click()
    page.get_by_role("heading", name="Pat Rivera", level=1).wait_for()
    page.get_by_role("table", name="Registrations and progress of Pat Rivera").wait_for()
    assert violations(page, axe_source) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    workspace.get_by_role("link", name="Shared links").click()
    page.get_by_label("Report to share").select_option(label="Registrations and progress")
    page.get_by_label("Who it is for").fill(f"Auditor at {width}")
    page.get_by_label("Days the link works").fill("3")
    page.get_by_role("button", name="Make the link").click()
    notice = page.get_by_role("status").filter(has_text="Link made")
    notice.wait_for()
    address = re.search(r"https?://\S+/districts/shared/\S+/", notice.inner_text()).group(0)
    assert violations(page, axe_source) == []

    signed_out = browser.new_context(viewport={"width": width, "height": 900})
    reader = signed_out.new_page()
    reader.goto(address)
    reader.get_by_role("heading", name="Registrations and progress").wait_for()
    shared = reader.get_by_role("table", name=re.compile("^Registrations and progress, Riverside Unified"))
    assert "Pat Rivera" in shared.inner_text()
    assert shared.get_by_role("link").count() == 0  # read-only: nothing leads into the workspace
    assert reader.evaluate("document.documentElement.scrollWidth") <= width
    signed_out.close()
    context.close()
