"""The whole journey in a browser: register with a purchase order, access opens, Welcome,
learning targets, a revision asked for and made, complete, certificate, verified."""

import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from certificates.credentials import status_list
from tests.certificates import outside_verifier
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser
PASSWORD = "revise-and-resubmit-42"


def sign_up_and_verify(page, site, email, name):
    page.goto(site.url + "/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Role").select_option(label="Teacher leader")
    page.get_by_role("button", name="Sign Up").click()
    body = site.emails_to(email)[-1].get_payload(decode=True).decode()
    page.goto(re.search(r"https?://\S+/accounts/confirm-email/\S+", body).group(0))
    page.get_by_role("button", name="Confirm").click()
    if page.get_by_role("button", name="Log out").count():
        page.get_by_role("button", name="Log out").click()
    log_in(page, site, email, PASSWORD)


def facilitator_reviews(browser, site, viewport, participant_name, activity, rating, feedback, shot=None):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    log_in(page, site, "facilitator@example.org", "feedback-first")
    page.goto(site.url + "/cohorts/review/")
    page.get_by_role("link", name=f"Review {activity} by {participant_name}").click()
    page.get_by_label("Complete" if rating == "complete" else "Needs revision", exact=True).check()
    page.get_by_role("textbox", name="Feedback").fill(feedback)
    for group in page.get_by_role("group").all():
        if group.get_by_label("Meets", exact=True).count():
            group.get_by_label("Meets", exact=True).first.check()
    if shot:
        shot(page)
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("status").first).to_contain_text("Feedback sent")
    context.close()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_register_learn_revise_and_get_a_verified_certificate(site, browser, viewport, tmp_path):
    size = "phone" if viewport["width"] < 500 else "desktop"
    email, name = f"journey-{size}@example.org", f"Jamie Journey {size.title()}"
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)

    def shot(p, step):
        from tests.e2e.conftest import SCREENSHOTS

        SCREENSHOTS.mkdir(exist_ok=True)
        p.screenshot(path=str(SCREENSHOTS / f"journey-{size}-{step}.png"), full_page=True)

    cohort_name = f"Journey {size}"
    site.python(
        "from datetime import timedelta; from django.utils import timezone; from cohorts.registration.models import Cohort; "
        "from modules.models import CoursePage; from pd_platform.accounts.models import User; "
        f"c = Cohort.objects.create(program=CoursePage.objects.get(), name='{cohort_name}', "
        "start_date=timezone.localdate() + timedelta(days=40), end_date=timezone.localdate() + timedelta(days=100), "
        "capacity=20, fee=450); c.facilitators.add(User.objects.get(email='facilitator@example.org'))"
    )
    sign_up_and_verify(page, site, email, name)

    # Register for the open cohort with a purchase order.
    page.goto(site.url + "/learning-based-grading/")
    page.get_by_role("link", name="Register for a cohort").click()
    cohort_select = page.get_by_label("Cohort", exact=True)
    option = next(o for o in cohort_select.locator("option").all_inner_texts() if o.startswith(cohort_name))
    cohort_select.select_option(label=option)
    page.get_by_label("Purchase order / invoice").check()
    page.get_by_label("Purchase order number").fill("PO-7781")
    page.get_by_label("Billing contact name").fill("Dana Billing")
    page.get_by_label("Billing contact email").fill("billing@riverside.example.org")
    shot(page, "01-register")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My courses")
    expect(page.get_by_text("Course access opens")).to_be_visible()
    site.wait_for_email("billing@riverside.example.org", "Invoice")  # to the billing contact, copying the teacher

    # Time passes: the cohort starts and the periodic task releases access.
    site.python(
        "from django.utils import timezone; from cohorts.registration.models import Cohort; "
        f"Cohort.objects.filter(name='{cohort_name}').update(start_date=timezone.localdate()); "
        "from cohorts.registration.tasks import release_course_access; release_course_access()"
    )
    site.wait_for_email(email, "is open to you")

    # The Welcome module: introduce yourself.
    page.goto(site.url + "/cohorts/my-courses/")
    page.get_by_role("link", name="Open the course").first.click()
    page.get_by_role("link", name=re.compile("Welcome")).first.click()
    page.get_by_role("link", name="Join the discussion: Introductions").click()
    page.get_by_label("Your post").fill("Hi! I teach 7th grade math and lead our grading team.")
    page.get_by_role("button", name="Post").click()
    expect(page.get_by_text("Your post is up.")).to_be_visible()
    facilitator_reviews(browser, site, viewport, name, "Introductions", "complete", "Welcome aboard!")

    # Learning targets: submitted, revision asked for, revised, complete.
    page.goto(site.url + "/learning-based-grading/module-02/")
    page.get_by_role("link", name="Open: Learning Targets").click()
    page.get_by_label("Your response").fill("- I can understand fractions.\n- I can add fractions.")
    shot(page, "02-submit")
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page.get_by_text("is submitted for feedback")).to_be_visible()
    facilitator_reviews(
        browser,
        site,
        viewport,
        name,
        "Learning Targets",
        "needs_revision",
        "'Understand' is not measurable: what will students do?",
        shot=lambda p: shot(p, "03-review"),
    )
    page.reload()
    expect(page.get_by_text("'Understand' is not measurable")).to_be_visible()
    page.get_by_label("Your response").fill(
        "- I can compare two fractions using a number line.\n- I can add fractions."
    )
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Revision 2"))).to_be_visible()

    # Enough of the rest is complete (what weeks of work would bring), then the last review.
    site.python(
        "from cohorts.coursework.models import Submission, Revision, Review; from cohorts.registration.models import Enrollment; from cohorts.coursework.selectors import program_activities; "
        f"e = Enrollment.objects.get(user__email='{email}'); "
        "keys = [a for a in program_activities(e.cohort.program_id) if a.key not in "
        "('lbg-m00-introductions', 'lbg-m02-learning-targets', 'lbg-m02-assignment-feedback')]; "
        "[Submission.objects.create(enrollment=e, activity=a, status='complete') for a in keys]"
    )
    facilitator_reviews(browser, site, viewport, name, "Learning Targets", "complete", "Clear and assessable.")

    # The certificate arrives, downloads, and verifies.
    site.wait_for_email(email, "Your certificate")
    page.goto(site.url + "/cohorts/my-courses/")
    page.get_by_role("link", name="Your progress").first.click()
    expect(
        page.get_by_role("strong").filter(has_text="12 of 13 complete: you have met the completion requirement")
    ).to_be_visible()
    shot(page, "04-progress")
    page.goto(site.url + "/certificates/mine/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    pdf = tmp_path / "certificate.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    page.get_by_role("link", name="Verification page").click()
    expect(page.get_by_role("heading", name="Valid certificate")).to_be_visible()
    expect(page.get_by_role("main").get_by_text(name).first).to_be_visible()
    page.get_by_label("Certificate PDF").set_input_files(str(pdf))
    page.get_by_role("button", name="Check the PDF").click()
    expect(page.get_by_text("Genuine and valid.")).to_be_visible()
    expect(page.get_by_text("embedded Open Badges credential is genuine and is the one issued")).to_be_visible()
    shot(page, "05-verified")
    # The credential travels: a file for a wallet, LinkedIn's form filled in, the transcript.
    page.goto(site.url + "/certificates/mine/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the Open Badges credential for Learning-Based Grading").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".jwt")

    # A verifier elsewhere takes the file and follows what it names over HTTP: the key, the status list.
    def fetch(url):
        return requests.get(url, timeout=10)

    credential = outside_verifier.verify(Path(download.path()).read_text(), fetch)
    assert credential["credentialSubject"]["achievement"]["name"] == "Learning-Based Grading"
    status = credential["credentialStatus"]
    listed = outside_verifier.verify(fetch(status["statusListCredential"]).text, fetch)
    assert not status_list.is_set(listed["credentialSubject"]["encodedList"], int(status["statusListIndex"]))
    linkedin = page.get_by_role("link", name="Add to LinkedIn profile (opens LinkedIn in a new tab)")
    assert "startTask=CERTIFICATION_NAME" in linkedin.get_attribute("href")
    page.get_by_role("link", name="Your PD transcript").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Learning-Based Grading, "))).to_be_visible()
    shot(page, "06-transcript")
    context.close()
