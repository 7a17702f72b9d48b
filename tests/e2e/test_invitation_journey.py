"""A teacher invited to a site cohort follows the e-mail's link, signs up, confirms the address (in
the same browser, or on another device) and lands on that cohort's registration, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

PASSWORD = "revise-and-resubmit-42"


def invitation_link(site):
    key = site.python(
        "from cohorts.registration.models import Cohort; print(Cohort.objects.get(name='Roosevelt High School 2026').invitation_key)"
    )
    return f"{site.url}/cohorts/join/{key}/"


def follow_and_sign_up(page, site, email, name):
    page.goto(invitation_link(site))
    page.get_by_role("link", name="Sign up", exact=True).click()  # the header's button: no "next" in its link
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Role").select_option(label="Teacher leader")
    page.get_by_label("School or site").fill("Roosevelt High School")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify Your Email")
    body = site.wait_for_email(email, "")[-1].get_payload(decode=True).decode()
    return re.search(r"https?://\S+/accounts/confirm-email/\S+", body).group(0)


def expect_the_site_cohorts_registration(page):
    expect(page.get_by_role("heading", level=1)).to_have_text("Register for Mastery Learning and Grading")
    cohort = page.get_by_label("Cohort", exact=True)
    expect(cohort.locator("option", has_text="Roosevelt High School 2026")).to_have_count(1)


def test_confirmed_in_the_same_browser_the_invitation_lands_on_registration(site, page):
    confirm = follow_and_sign_up(page, site, "avery@roosevelt.example.org", "Avery Stone")
    tab = page.context.new_page()  # the e-mail opened in another tab
    tab.goto(confirm)
    tab.get_by_role("button", name="Confirm").click()
    if tab.get_by_role("link", name="Log in").count():
        tab.get_by_role("link", name="Log in").click()
        tab.get_by_label("Email").fill("avery@roosevelt.example.org")
        tab.get_by_label("Password").fill(PASSWORD)
        tab.get_by_role("button", name="Sign In").click()
    expect_the_site_cohorts_registration(tab)
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / "invitation-01-registration.png"), full_page=True)
    cohort = tab.get_by_label("Cohort", exact=True)
    cohort.select_option(cohort.locator("option", has_text="Roosevelt High School 2026").get_attribute("value"))
    tab.get_by_role("button", name="Register").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("My courses")
    expect(tab.get_by_text("Roosevelt High School 2026").first).to_be_visible()


def test_confirmed_on_another_device_the_invitation_waits_at_sign_in(site, browser, page):
    confirm = follow_and_sign_up(page, site, "blake@roosevelt.example.org", "Blake Rivera")
    phone = browser.new_context(viewport={"width": 390, "height": 844})  # nothing of the first browser's session
    other = phone.new_page()
    other.goto(confirm)
    other.get_by_role("button", name="Confirm").click()
    other.goto(site.url + "/accounts/login/")
    other.get_by_label("Email").fill("blake@roosevelt.example.org")
    other.get_by_label("Password").fill(PASSWORD)
    other.get_by_role("button", name="Sign In").click()
    expect_the_site_cohorts_registration(other)
    assert other.evaluate("document.documentElement.scrollWidth") <= 390
    other.goto(site.url + "/dashboard/")
    expect(other.get_by_role("link", name="Register for Roosevelt High School 2026")).to_be_visible()
    phone.close()
