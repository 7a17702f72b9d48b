"""A teacher builds learning targets for their own course in the browser: the checks appear as
they type, by keyboard alone, and the set downloads for Canvas."""

import csv
import io
import re

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
    # The standard's own page, where its targets are added one after another.
    expect(page.get_by_role("heading", level=1, name="Standard HS-LS1-1")).to_be_visible()
    expect(
        page.get_by_role("paragraph").filter(has_text=re.compile("^Cells are the basic unit of life$"))
    ).to_be_visible()

    target = page.get_by_label("New learning target under “HS-LS1-1”")
    target.fill("Students will understand cell organelles")
    checks = page.locator(f"#{target.get_attribute('aria-describedby').split()[-1]}")
    expect(checks).to_contain_text("“understand” happens inside a head", timeout=10_000)
    expect(checks).to_contain_text("Written for the student")
    screenshot("target-checks-live")

    target.fill("I can explain how organelles work together in a cell")
    expect(checks).to_contain_text("All six checks pass.", timeout=10_000)
    target.press("Enter")  # the keyboard submits the form
    expect(page.get_by_text("Added “I can explain how organelles work together in a cell”.")).to_be_visible()
    page.get_by_label("New learning target under “HS-LS1-1”").fill("I can compare plant and animal cells")
    page.get_by_role("button", name="Add the target").click()
    expect(page.get_by_text("Added “I can compare plant and animal cells”.")).to_be_visible()

    # One target at a time: its own page checks it as it is edited; the standard's page moves it.
    page.get_by_role("link", name="Edit or remove “I can compare plant and animal cells”").click()
    expect(page.get_by_text("Target 2 of 2 under")).to_be_visible()
    field = page.get_by_label("Learning target", exact=True)
    field.fill("I can compare plant and animal cells and explain photosynthesis")
    expect(page.locator("#live-checks")).to_contain_text("joins two skills", timeout=10_000)
    field.fill("I can compare plant and animal cells under a microscope")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The target is saved.")).to_be_visible()
    page.get_by_role(
        "button", name=re.compile("^Up.*move “I can compare plant and animal cells under a microscope” up$")
    ).click()
    expect(page.get_by_text("Moved.")).to_be_visible()
    # The standard's own text, never typed in, was not kept as a draft on the way through its page.
    expect(page.get_by_text(re.compile(r"^Your draft, saved at"))).to_have_count(0)
    its_targets = page.get_by_role("region", name="Its targets").get_by_role("listitem")
    expect(its_targets.first).to_contain_text("I can compare plant and animal cells under a microscope")
    screenshot("target-standard-page")

    page.get_by_role("link", name="Back to Biology 9").click()
    expect(page.get_by_role("listitem").filter(has_text="I can explain how organelles")).to_contain_text("✓ passes")
    expect(page.get_by_text("All 2 targets pass every check.")).to_be_visible()
    screenshot("target-set-overview")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: each of the three pages fits its width
    for link in ("Edit, move or remove “HS-LS1-1”", "I can explain how organelles work together in a cell"):
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url
        page.get_by_role("link", name=link).click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url
        page.go_back()
    page.set_viewport_size({"width": 1280, "height": 800})
    with page.expect_download() as download:
        page.get_by_role("link", name="Canvas outcomes (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert [r["title"] for r in rows if r["object_type"] == "outcome"] == [
        "I can compare plant and animal cells under a microscope",
        "I can explain how organelles work together in a cell",
    ]


def test_a_teacher_designs_a_grading_plan_and_takes_the_gradebook(site, page, screenshot, tmp_path):
    from playwright.sync_api import expect

    site.python(
        "from tests import factories; factories.participant(email='planner@example.org', full_name='Pia Planner')"
    )
    log_in(page, site, "planner@example.org", PASSWORD)
    page.goto(site.url + "/toolkit/")
    page.get_by_role("link", name="Start a grading plan").click()
    page.get_by_label("Course").fill("Chemistry")
    page.get_by_label("Marks").select_option(label="4-3-2-1")
    page.get_by_role("button", name="Create the plan").click()
    for title in ("Density lab", "Moles quiz", "Stoichiometry project"):
        page.get_by_label("Mastery task", exact=True).fill(title)
        page.get_by_label("Mastery task", exact=True).press("Enter")
        expect(page.get_by_text(title, exact=True)).to_be_visible()
    page.get_by_label("In Progress or missing").fill("2")
    page.get_by_role("button", name="Show the letter").click()
    expect(page.get_by_role("status")).to_contain_text("2 of 3 not yet mastered: C")
    page.get_by_text("Change the bands").click()
    page.get_by_label("Letter bands").fill("A 0\nB 1\nNY")
    page.get_by_role("button", name="Save the rule").click()
    expect(page.get_by_text("Use the same letters")).to_be_visible()  # the course's wider bands still say A-F
    page.get_by_label("Wider bands", exact=False).first.fill("")
    page.get_by_label("Wider bands from this many tasks").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your rule, with 3 tasks")).to_be_visible()
    page.get_by_role("link", name="Preview a class over a semester").click()
    expect(page.get_by_role("heading", name="A sample class over a semester")).to_be_visible()
    screenshot("grading-plan-preview")
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="Gradebook (XLSX)").click()
    import openpyxl

    assert download.value.suggested_filename == "chemistry-gradebook.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert [c.value for c in book["Gradebook"][1]][:4] == [
        "Student",
        "Density lab",
        "Moles quiz",
        "Stoichiometry project",
    ]
    assert [book["Rule"].cell(r, 1).value for r in (2, 3, 4)] == ["A", "B", "NY"]


SUBMITTER = """
from datetime import date
from cohorts.coursework.models import Submission
from cohorts.toolkit.target_sets import services
from modules.models import Activity
from tests import factories
facilitator = factories.facilitator(email="fran@example.org", full_name="Fran Feedback")
person = factories.participant(email="submitter@example.org", full_name="Sam Submitter")
cohort = factories.CohortFactory(name="Toolkit cohort", start_date=date.today(), facilitators=[facilitator])
enrollment = factories.EnrollmentFactory(cohort=cohort, user=person)
Submission.objects.create(enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete")
target_set = services.create_target_set(person, course_name="Algebra 1", grade_band="9-12")
group = services.add_group(target_set, kind="standard", code="A-REI.B.3", text="Solve linear equations")
services.add_target(group, text="I can solve linear equations in one variable")
services.add_target(group, text="Students will know how to isolate a variable")
"""


def test_a_set_is_submitted_reviewed_target_by_target_and_revised(site, browser, page, screenshot):
    from playwright.sync_api import expect

    site.python(SUBMITTER)
    participant = page
    log_in(participant, site, "submitter@example.org", PASSWORD)
    participant.goto(site.url + "/toolkit/")
    participant.get_by_role("link", name="Algebra 1").click()
    participant.get_by_label("Assignment", exact=True).select_option(index=0)
    participant.get_by_role("button", name="Submit this set").click()
    expect(
        participant.get_by_role("heading", name="1 target doesn’t pass the checks yet — submit anyway?")
    ).to_be_visible()
    participant.get_by_role("button", name="Submit anyway").click()
    expect(participant.get_by_text("is submitted with “Algebra 1”")).to_be_visible()

    facilitator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(facilitator, site, "fran@example.org", PASSWORD)
    facilitator.goto(site.url + "/cohorts/review/")
    facilitator.get_by_role("link", name="Review Learning Targets by Sam Submitter").click()
    expect(facilitator.get_by_text("“know” happens inside a head")).to_be_visible()
    facilitator.get_by_label("Feedback on “Students will know how to isolate a variable”").fill(
        "What will a student do to show it?"
    )
    facilitator.get_by_role("button", name="Add feedback on this target").nth(1).click()
    expect(facilitator.get_by_text("Your feedback is saved")).to_be_visible()
    facilitator.get_by_label("Needs revision", exact=True).check()
    facilitator.get_by_role("textbox", name="Feedback", exact=True).fill("Rewrite the second target.")
    for group in facilitator.get_by_role("group").all():  # the single-point rubric
        if group.get_by_label("Not yet", exact=True).count():
            group.get_by_label("Not yet", exact=True).first.check()
    facilitator.get_by_role("button", name="Send feedback").click()
    expect(facilitator.get_by_role("status").first).to_contain_text("Feedback sent")

    participant.goto(site.url + "/toolkit/")
    participant.get_by_role("link", name="Algebra 1").click()
    participant.get_by_role("link", name="Students will know how to isolate a variable").click()
    participant.get_by_label("Learning target", exact=True).fill("I can isolate a variable using inverse operations")
    participant.get_by_role("button", name="Save").click()
    expect(participant.get_by_text("The target is saved.")).to_be_visible()
    participant.get_by_role("link", name="Back to Algebra 1").click()
    participant.get_by_label("Assignment", exact=True).select_option(index=0)
    participant.get_by_role("button", name="Submit this set").click()
    expect(participant.get_by_text("What will a student do to show it?")).to_be_visible()  # on revision 1
    screenshot("target-set-revised")

    facilitator.goto(site.url + "/cohorts/review/")
    facilitator.get_by_role("link", name="Review Learning Targets by Sam Submitter").click()
    expect(facilitator.get_by_text("What changed since revision 1, target by target")).to_be_visible()
    expect(facilitator.locator(".target-change--changed")).to_contain_text(
        "I can isolate a variable using inverse operations"
    )


SCIENCE_TEACHER = """
from datetime import date
from cohorts.coursework.models import Submission
from cohorts.toolkit.target_sets import services
from modules.models import Activity
from tests import factories
person = factories.participant(email="scientist@example.org", full_name="Sol Scientist")
cohort = factories.CohortFactory(name="Science cohort", start_date=date.today())
enrollment = factories.EnrollmentFactory(cohort=cohort, user=person)
Submission.objects.create(enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete")
target_set = services.create_target_set(person, course_name="8th grade science", grade_band="6-8")
services.add_group(target_set, kind="standard", code="MS-PS2-2", text="Forces and motion")
"""


def test_a_failing_target_gets_a_rewrite_in_the_sets_subject_and_submitting_it_asks_once(site, page, screenshot):
    from playwright.sync_api import expect

    site.python(SCIENCE_TEACHER)
    log_in(page, site, "scientist@example.org", PASSWORD)
    page.goto(site.url + "/toolkit/")
    page.get_by_role("link", name="8th grade science").click()
    page.get_by_role("link", name="Add a target under “MS-PS2-2”").click()

    target = page.get_by_label("New learning target under “MS-PS2-2”")
    target.fill("I will understand forces")
    checks = page.locator(f"#{target.get_attribute('aria-describedby').split()[-1]}")
    expect(checks).to_contain_text("Try: “I can explain forces”", timeout=10_000)
    expect(checks).not_to_contain_text("fraction")
    target.fill("I can do science")
    expect(checks).to_contain_text(
        "Try: “I can explain how unbalanced forces change an object's motion”", timeout=10_000
    )
    screenshot("target-suggestion-science")
    target.press("Enter")  # added as typed: the page shows the same rewrite after saving
    expect(page.locator(".check__fix")).to_have_text(
        "Try: “I can explain how unbalanced forces change an object's motion”"
    )

    page.get_by_role("link", name="Back to 8th grade science").click()
    page.get_by_label("Assignment", exact=True).select_option(index=0)
    page.get_by_label("Note to your facilitator").fill("Still working on this one.")
    page.get_by_role("button", name="Submit this set").click()
    question = page.get_by_role("heading", name="1 target doesn’t pass the checks yet — submit anyway?")
    expect(question).to_be_visible()
    screenshot("target-submit-asks")
    page.get_by_role("button", name="Submit anyway").click()
    expect(page.get_by_text("is submitted with “8th grade science”")).to_be_visible()
    assert "Still working on this one." in page.content()  # the note went with it
