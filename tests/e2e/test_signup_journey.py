"""A newcomer signs up, verifies the email, logs in and opens a module, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "revise-and-resubmit-42"


def test_newcomer_signs_up_verifies_logs_in_and_reads_a_module(site, page, screenshot):
    page.goto(site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Grading for Learning")
    page.get_by_role("link", name="Sign up").click()

    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Full name").fill("Morgan Ellis")
    page.get_by_label("Role").select_option(label="Teacher leader")
    page.get_by_label("School or site").fill("Lincoln Middle School")
    screenshot("01-signup")
    page.get_by_role("button", name="Sign Up").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify Your Email")
    body = site.emails_to("newcomer@example.org")[-1].get_payload(decode=True).decode()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", body).group(0)
    page.goto(link)
    screenshot("02-confirm-email")
    page.get_by_role("button", name="Confirm").click()

    if page.get_by_role("button", name="Log out").count():
        page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Morgan")
    screenshot("03-dashboard")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programs").click()
    page.get_by_role("link", name="Learning-Based Grading").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning-Based Grading")
    page.get_by_role("link", name=re.compile(r"Module 02.*Writing Clear")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Writing Clear, Assessable Learning Targets")
    expect(page.get_by_role("heading", name="Professional learning objectives")).to_be_visible()
    # Not in a cohort yet: the activities wait behind registration.
    expect(page.get_by_role("note")).to_contain_text("Activities are for participants enrolled in a cohort")
    expect(page.get_by_role("link", name="Register for a cohort")).to_be_visible()
    screenshot("04-module-02")

    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("05-module-02-phone")
