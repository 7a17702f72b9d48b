"""The demo graduate: certified in Learning-Based Grading, she runs the workshop series at her school. From her
home she takes a seat in office hours, downloads her certificate and signed transcript, visits the community,
and runs her site cohort: its sessions, what the group still needs, and the invitations."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def is_pdf(page, site, link):
    response = page.context.request.get(site.url + link.get_attribute("href"))
    return response.ok and response.body().startswith(b"%PDF")


def test_the_graduate_takes_office_hours_keeps_her_papers_and_runs_her_site_cohort(site, page):
    log_in(page, site, "graduate@example.org", "certified-in-mastery")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Gabriela")

    # Office hours: she leads none yet, and still sees those of her own program, where she takes a seat.
    office_hours = page.get_by_role("region", name="Office hours")
    expect(office_hours).to_contain_text("Learning targets: bring your revision")
    expect(office_hours).to_contain_text("You have no office hours of your own scheduled.")
    office_hours.get_by_role("link", name="Office hours: take a seat, schedule and take attendance").click()
    page.get_by_role("button", name=re.compile(r"^Take a seat")).first.click()
    expect(page.get_by_text("You have a seat.")).to_be_visible()

    # Her certificate and her transcript, both as PDFs.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Certificates").click()
    expect(page.get_by_role("heading", name="Learning-Based Grading")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Cohort 03 · 30 hours")
    assert is_pdf(page, site, page.get_by_role("link", name="Download the PDF"))
    page.get_by_role("link", name="Your PD transcript").click()
    expect(page.get_by_role("heading", name="Learning-Based Grading, Cohort 03")).to_be_visible()
    # The signed transcript is built in the background: its page reloads itself until the file is ready.
    page.get_by_role("link", name="Download the signed PDF").click()
    expect(page.get_by_role("heading", name="PD transcript (signed PDF)", level=1)).to_be_visible()
    download_link = page.get_by_role("link", name="Download PD transcript (signed PDF)")
    expect(download_link).to_be_visible(timeout=120_000)
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
    page.go_back()
    page.set_viewport_size({"width": 390, "height": 844})
    fits_the_phone(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Community").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Community of practice")
    fits_the_phone(page)

    # Her site cohort: the sessions say how many more teachers the group needs; she invites one.
    page.goto(site.url + "/dashboard/")
    page.get_by_role("link", name="All sessions of Roosevelt High School 2026").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Roosevelt High School 2026")
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"registered; the series runs for groups of 8 or more, so \d+ more (is|are) needed")
    )
    fits_the_phone(page)
    page.get_by_role("link", name="Date, time, room of Workshop 1", exact=True).click()
    page.get_by_label("Place").fill("Roosevelt High School, Library")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile(r"^Saved: Workshop 1 on .*, Roosevelt High School, Library\.$"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^Workshop 1"))).to_contain_text("Roosevelt High School, Library")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cohort progress").click()
    page.get_by_role("link", name="Invite", exact=True).click()
    expect(page.get_by_label("Invitation link")).to_have_value(re.compile(r"/cohorts/join/"))
    page.get_by_label("Email addresses, one per line").fill("casey.nguyen@roosevelt.example.org")
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_text("1 invitation sent.")).to_be_visible()
    site.wait_for_email("casey.nguyen@roosevelt.example.org", "")
    fits_the_phone(page)

    # Where she asked for it, her request is listed as approved, and each field is marked once.
    page.goto(site.url + "/dashboard/")
    page.get_by_role("link", name="Run the workshop series at your site").click()
    expect(page.get_by_text(re.compile(r"Roosevelt High School, from .*: Approved"))).to_be_visible()
    expect(page.locator("label", has_text="School e-mail domain")).to_have_text("School e-mail domain (optional)")
    fits_the_phone(page)
