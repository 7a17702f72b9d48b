"""After the modules, as people meet it: office hours and the course evaluation, by role and label."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

QUESTIONS = [
    "The facilitation and feedback helped me improve my work.",
    "What I learned is relevant to my site and my students.",
    "The readings, videos and handouts were useful.",
    "I feel confident to implement mastery grading.",
    "The hours I spent were well spent.",
]


def test_a_participant_gives_back_and_retakes_an_office_hours_seat(site, page):
    log_in(page, site, "participant@example.org", "learn-by-revising")
    page.get_by_role("link", name="See office hours and take a seat").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Office hours"

    page.get_by_role("button", name="Give back my seat").click()
    expect(page.get_by_text("Your seat is given back.")).to_be_visible()
    page.get_by_role("button", name="Take a seat").click()
    expect(page.get_by_text("You have a seat.")).to_be_visible()
    expect(page.get_by_role("link", name="Add to calendar (.ics)")).to_be_visible()


def test_a_participant_fills_in_the_evaluation(site, page):
    # Pat is partway through: the evaluation waits until the course's requirement is met.
    log_in(page, site, "participant@example.org", "learn-by-revising")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    expect(page.get_by_role("link", name="Fill in the evaluation")).to_have_count(0)
    page.context.clear_cookies()
    # The graduate met it: her home holds what graduates do, and My courses offers the evaluation beside the course.
    log_in(page, site, "graduate@example.org", "certified-in-mastery")
    expect(page.get_by_role("link", name="Fill in the evaluation")).to_have_count(0)
    page.get_by_role("link", name="My courses", exact=True).first.click()
    page.get_by_role("link", name="Fill in the evaluation").first.click()

    page.get_by_role("button", name="Send my answers").click()  # nothing chosen: each question says so
    assert page.get_by_role("alert").inner_text().startswith("Nothing was saved")
    for question in QUESTIONS:
        page.get_by_role("group", name=question).get_by_label("Agree", exact=True).check()
    page.get_by_label("Anything else you want us to know?").fill("The revision loop changed my practice.")
    page.get_by_role("button", name="Send my answers").click()

    expect(page.get_by_text("Thank you: your evaluation is in.")).to_be_visible()


def test_a_facilitator_schedules_office_hours_and_reads_the_evaluation(site, page):
    log_in(page, site, "facilitator@example.org", "feedback-first")
    page.get_by_role("link", name="Office hours: schedule and take attendance").click()

    page.get_by_label("Topic").fill("Gradebooks after report cards")
    page.get_by_label("Date").fill(
        site.python("from datetime import date, timedelta; print(date.today() + timedelta(days=9))")
    )
    page.get_by_label("Start time").fill("16:30")
    page.get_by_label("Room or meeting link").fill("https://meet.example.org/gradebooks")
    page.get_by_role("button", name="Schedule office hours").click()

    expect(page.get_by_text("Office hours scheduled.")).to_be_visible()
    table = page.get_by_role("table", name="Upcoming office hours you lead")
    expect(table.get_by_role("cell", name="Gradebooks after report cards")).to_be_visible()

    page.goto(site.url + "/dashboard/")
    page.get_by_role("link", name="evaluation results").first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("End-of-course evaluation")
    # Too few have answered for anonymous results: the page says so and shows no answer.
    expect(page.get_by_role("status")).to_contain_text("results show from 5 people")
    expect(page.get_by_role("link", name="Download all answers (CSV)")).to_have_count(0)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_facilitator_reads_their_feedback_turnaround(site, page, width):
    page.set_viewport_size({"width": width, "height": 844})
    log_in(page, site, "facilitator@example.org", "feedback-first")
    card = page.get_by_role("region", name="Your feedback turnaround")
    expect(card).to_contain_text("over the last 90 days")
    expect(card).to_contain_text("Your first reviews:")
    table = card.get_by_role("table", name="Per cohort you facilitate")
    expect(table.get_by_role("rowheader", name="Learning-Based Grading, Cohort 03")).to_be_visible()
    # Nothing sideways on a phone: the table fits the card.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(
        "(() => { const w = document.querySelector('.figures-table').closest('.table-wrap');"
        " return w.scrollWidth <= w.clientWidth; })()"
    )
