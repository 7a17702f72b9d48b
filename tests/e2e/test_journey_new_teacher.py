"""A new teacher's journey on her phone, reading what each page tells her: she signs up, registers for an open
cohort with a purchase order, is told when the course opens and where the invoice went; once it opens she
introduces herself in the Welcome module, answers a colleague, and hands in her first assignment.
(test_mastery_journey follows the review loop to the certificate; this one reads the newcomer's pages.)"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "revise-and-resubmit-42"
EMAIL = "morgan.ellis@lincoln.example.org"
PHONE = {"width": 390, "height": 844}


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_new_teacher_signs_up_registers_by_purchase_order_and_hands_in_her_first_work(site, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)

    page.goto(site.url + "/accounts/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Full name").fill("Morgan Ellis")
    page.get_by_label("Role").select_option(label="Teacher leader")
    page.get_by_label("School or site").fill("Lincoln Middle School")
    page.get_by_role("button", name="Sign Up").click()
    body = site.wait_for_email(EMAIL, "")[-1].get_payload(decode=True).decode()
    page.goto(re.search(r"https?://\S+/accounts/confirm-email/\S+", body).group(0))
    page.get_by_role("button", name="Confirm").click()
    expect(page).not_to_have_url(re.compile("confirm-email"))
    page.goto(site.url + "/dashboard/")  # signed in by the confirmation, or asked to sign in
    if "/accounts/login/" in page.url:
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()

    # Home, before any cohort: nothing offers her a seat she cannot take, or work she has not got.
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Morgan")
    expect(page.get_by_text("You are not in a cohort yet.")).to_be_visible()
    office_hours = page.get_by_role("region", name="Office hours")
    expect(office_hours).to_contain_text("No office hours are scheduled for your programs yet.")
    expect(office_hours.get_by_role("link", name="See office hours", exact=True)).to_be_visible()
    fits_the_phone(page)

    # Registration: deadlines at midnight say which night; a purchase order names who gets the invoice.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programs").click()
    page.get_by_role("link", name="Learning-Based Grading").first.click()
    page.get_by_role("link", name="Register for a cohort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register for Learning-Based Grading")
    cohort_05 = page.get_by_role("article", name="Cohort 05")
    expect(cohort_05).to_contain_text(
        re.compile(r"Purchase orders close\s*\w+day, \w+ \d+, \d{4}, 12:00 AM P[SD]T \(midnight at the end of \w+day\)")
    )
    cohort = page.get_by_label("Cohort", exact=True)
    cohort.select_option(cohort.locator("option", has_text="Cohort 05").get_attribute("value"))
    page.get_by_label("Purchase order / invoice").check()
    page.get_by_label("Purchase order number").fill("PO-7781")
    page.get_by_label("Billing contact name").fill("Dana Whitfield")
    page.get_by_label("Billing contact email").fill("billing@lincoln.example.org")
    fits_the_phone(page)
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My courses")
    expect(
        page.get_by_text(f"You are registered for Cohort 05. A confirmation is on its way to {EMAIL}.")
    ).to_be_visible()
    course = page.get_by_role("region", name="Learning-Based Grading: Cohort 05")
    expect(course).to_contain_text("Purchase order / invoice, not paid yet (PO PO-7781)")
    expect(course).to_contain_text(
        "The invoice goes by e-mail to your billing contact, Dana Whitfield (billing@lincoln.example.org), with a copy to you"
    )
    invoice = context.request.get(
        site.url + course.get_by_role("link", name="Download invoice (PDF)").get_attribute("href")
    )
    assert invoice.body().startswith(b"%PDF")
    fits_the_phone(page)

    # Time passes: the cohort is about to start, so the course is open; a colleague has introduced herself.
    site.python(
        "from datetime import timedelta; from django.utils import timezone; "
        "from cohorts.registration.models import Cohort, Enrollment; from cohorts.coursework import services; "
        "from modules.models import Activity; from pd_platform.accounts.models import User; "
        "c = Cohort.objects.get(name='Cohort 05', program__slug='learning-based-grading'); "
        "c.start_date = timezone.localdate() + timedelta(days=1); c.save(update_fields=['start_date']); "
        "u = User.objects.create_user(email='priya.shah@example.org', full_name='Priya Shah'); "
        "e = Enrollment.objects.create(cohort=c, user=u, status='registered', payment_method='online', "
        "paid_at=timezone.now()); "
        "services.post_to_discussion(e, Activity.objects.get(key='lbg-m00-introductions'), "
        "'Hello from Priya: I coach math teachers at Lincoln.')"
    )

    page.reload()
    course = page.get_by_role("region", name="Learning-Based Grading: Cohort 05")
    expect(course).to_contain_text("Next: Introductions in Welcome")
    course.get_by_role("link", name="Open the course").click()
    page.get_by_role("link", name=re.compile("^Welcome")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome")
    fits_the_phone(page)
    page.get_by_role("link", name="Join the discussion: Introductions").click()

    # The Welcome discussion says what makes it complete, in words.
    expect(page.get_by_text("(complete after your post and one reply to a colleague)")).to_be_visible()
    page.get_by_label("Your post").fill(
        "I am Morgan, a teacher leader at Lincoln Middle School; I will redesign 7th grade science."
    )
    page.get_by_role("button", name="Post").click()
    expect(page.get_by_text("Your post is up.")).to_be_visible()
    priya = page.get_by_role("article").filter(has_text="Hello from Priya")
    priya.get_by_text("Reply to Priya Shah").click()
    priya.get_by_label("Your reply").fill("Welcome, Priya! Let us compare our targets.")
    priya.get_by_role("button", name="Reply", exact=True).click()
    expect(page.get_by_text("Your participation: Complete")).to_be_visible()
    fits_the_phone(page)

    # Modules 01-06 are open now: her first assignment, handed in.
    page.goto(site.url + "/learning-based-grading/module-02/")
    expect(page.get_by_text("Estimated time for the materials and activities below")).to_be_visible()
    page.get_by_role("link", name="Open: Learning Targets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning Targets")
    page.get_by_label("Your response").fill("- I can compare two fractions on a number line.\n- I can add fractions.")
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page.get_by_text("Revision 1 of “Learning Targets” is submitted for feedback")).to_be_visible()
    # Nothing a developer wrote for the template shows on her page.
    expect(page.get_by_role("main")).not_to_contain_text("{#")
    fits_the_phone(page)

    # Back in My courses her next step has moved on: not the Welcome she finished, not the start.
    page.goto(site.url + "/cohorts/my-courses/")
    course = page.get_by_role("region", name="Learning-Based Grading: Cohort 05")
    expect(course).to_contain_text("Next:")
    expect(course).not_to_contain_text("in Welcome")
    expect(course).not_to_contain_text("start with the")
    context.close()
