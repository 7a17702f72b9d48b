"""axe-core on the pages people use (WCAG 2.1 A and AA), and the forms by keyboard alone."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

PUBLIC = [
    "/",
    "/learning-based-grading/",
    "/learning-based-grading/module-02/",
    "/mastery-learning-and-grading/",
    "/mastery-learning-and-grading/workshop-1/",
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/certificates/verify/",
    "/api/cohorts/",
    "/api/toolkit/",
]
PARTICIPANT = [
    "/dashboard/",
    "/cohorts/my-courses/",
    "/accounts/profile/",
    "/certificates/mine/",
    "/certificates/transcript/",
    "/learning-based-grading/module-01/",
    "/learning-based-grading/module-02/",  # materials: video with captions, handouts, marks
    "/learning-based-grading/implementation-and-next-steps/",
    "/mastery-learning-and-grading/online-learning-targets/",
    "/reminders/",
    "/cohorts/office-hours/",
    "/community/",
    "/toolkit/",
    "/toolkit/targets/new/",
    "/toolkit/plans/new/",
]
FACILITATOR = [
    "/cohorts/review/",
    "/certificates/cohorts/progress/",
    "/reminders/",
    "/cohorts/office-hours/",
    "/community/",
]
ADMIN = [
    "/reports/hours/",
    "/certificates/site-cohorts/",
    "/dashboard/",
    "/admin/",
    "/admin/snippets/reminders/remindersent/",
    "/admin/snippets/reminders/reminderrules/add/",
    "/admin/snippets/evaluations/survey/",
    "/admin/snippets/community/topic/",
    "/admin/settings/toolkit/targetchecksettings/",
    "/admin/personal-data/",
    "/admin/refunds/",
    "/admin/snippets/cohorts/approvalrule/add/",
]

# The community's pages and the follow-up pages of the demo, found by what they are.
COMMUNITY_PATHS = """
from cohorts.community.models import Thread
from cohorts.coursework.models import Submission
thread = Thread.objects.get(title="Retakes without losing a whole class period?")
targets = Submission.objects.get(enrollment__user__email="participant@example.org", activity__key="lbg-m02-learning-targets")
follow_up = Submission.objects.filter(follow_up__isnull=False, enrollment__user__email="graduate@example.org").first()
cohort = targets.enrollment.cohort
print(" ".join([
    f"/community/topics/{thread.topic_id}/", f"/community/threads/{thread.pk}/", f"/community/share/{targets.pk}/",
    f"/community/programs/{cohort.program_id}/moderation/", f"/cohorts/{cohort.pk}/follow-ups/",
    f"/cohorts/{cohort.pk}/follow-ups/new/", f"/cohorts/enrollments/{follow_up.enrollment_id}/follow-ups/{follow_up.follow_up_id}/",
]))
"""


def community_paths(site):
    topic, thread, share, desk, follow_ups, new_follow_up, follow_up = site.python(COMMUNITY_PATHS).split()
    return {
        "participant": [topic, thread, share],
        "facilitator": [thread, desk, follow_ups, new_follow_up],
        "graduate": [follow_up],
    }


def violations(page, axe_source):
    page.evaluate(axe_source)
    result = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ')')"""
    )
    return result


def scan(page, site, axe_source, paths):
    problems = {}
    for path in paths:
        response = page.goto(site.url + path)
        if "json" in response.headers.get("content-type", ""):
            continue
        found = violations(page, axe_source)
        if found:
            problems[path] = found
    return problems


def test_public_pages_have_no_serious_accessibility_violations(site, axe_page, axe_source):
    assert scan(axe_page, site, axe_source, PUBLIC) == {}


def test_participant_pages(site, axe_page, axe_source):
    log_in(axe_page, site, "participant@example.org", "learn-by-revising")
    axe_page.goto(site.url + "/cohorts/my-courses/")
    axe_page.get_by_role("link", name="Your progress").first.click()
    progress = axe_page.url.replace(site.url, "")
    axe_page.get_by_role("link", name="Revise Learning Targets").click()
    activity = axe_page.url.replace(site.url, "")
    evaluation = progress.replace("/progress/", "/evaluation/")
    target_set, standard, target, plan = site.python(
        "from cohorts.toolkit.models import GradingPlan, LearningTarget, TargetSet; "
        "s = TargetSet.objects.get(owner__email='participant@example.org'); "
        "t = LearningTarget.objects.filter(group__target_set=s).order_by('group__position', 'position').first(); "
        "print(s.pk, t.group_id, t.pk, GradingPlan.objects.get(owner__email='participant@example.org').pk)"
    ).split()
    toolkit = [
        f"/toolkit/targets/{target_set}/",
        f"/toolkit/targets/{target_set}/standard/{standard}/",
        f"/toolkit/targets/{target_set}/target/{target}/",
        f"/toolkit/plans/{plan}/",
        f"/toolkit/plans/{plan}/preview/",
    ]
    paths = PARTICIPANT + [progress, activity, evaluation, *toolkit]
    paths += community_paths(site)["participant"]
    assert scan(axe_page, site, axe_source, paths) == {}


def test_graduate_pages(site, axe_page, axe_source):
    log_in(axe_page, site, "graduate@example.org", "certified-in-mastery")
    site_cohort = site.python(
        "from certificates.models import SiteCohortRequest; "
        "print(SiteCohortRequest.objects.get(trainer__email='graduate@example.org').cohort_id)"
    )
    invite = f"/certificates/site-cohorts/{site_cohort}/invite/"  # the private cohort's invitation link
    assert scan(axe_page, site, axe_source, ["/dashboard/", invite, *community_paths(site)["graduate"]]) == {}


APPROVAL_LINK = """
from cohorts.registration import services
from cohorts.registration.approvals import requests as approvals
from cohorts.registration.models import ApprovalRule, Cohort
from tests import factories
ApprovalRule.objects.get_or_create(district=factories.district("Lakeside Unified", domains=["lakeside.example.org"]))
person = factories.participant(email="axe-approval@example.org", full_name="Lee Approval", district="Lakeside Unified")
cohort = Cohort.objects.filter(program__slug="learning-based-grading", private=False).order_by("-start_date").first()
enrollment = services.register_for_cohort(person, cohort.pk, "online", supervisor_email="principal@lakeside.example.org")
print(approvals.link_token(enrollment.approval))
"""


def test_the_approvers_page_and_a_bad_invitation(site, axe_page, axe_source):
    """People without an account: a supervisor answering, a teacher with a link copied in part."""
    token = site.python(APPROVAL_LINK)
    assert scan(axe_page, site, axe_source, [f"/cohorts/approvals/{token}/", "/cohorts/join/not-a-key/"]) == {}


ATTACHED_SET = """
from cohorts.coursework.models import Submission
from cohorts.registration.models import Cohort
from cohorts.toolkit import submissions
from cohorts.toolkit.plans import services as plan_services
from cohorts.toolkit.target_sets import services
from modules.models import Activity
from tests import factories
cohort = Cohort.objects.get(name="Cohort 03", program__slug="learning-based-grading")
person = factories.participant(email="axe-targets@example.org", full_name="Ava Targets")
enrollment = factories.EnrollmentFactory(cohort=cohort, user=person)
Submission.objects.create(enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete")
target_set = services.create_target_set(person, course_name="Biology 9", grade_band="9-12")
group = services.add_group(target_set, kind="standard", code="HS-LS1-1", text="Cells are the basic unit of life")
services.add_target(group, text="I can explain how organelles work together")
services.add_target(group, text="Students will understand mitosis")
revision = submissions.submit_target_set(enrollment, Activity.objects.get(key="lbg-m02-learning-targets"), target_set)
plan = plan_services.create_plan(person, course_name="Biology 9", scale="4321", mastery_level="3")
plan_services.add_task(plan, title="Cell lab", targets=[group.targets.first().pk])
plan_revision = submissions.submit_grading_plan(
    enrollment, Activity.objects.get(key="lbg-m06-communicating-your-grading-system"), plan
)
print(revision.submission_id, plan_revision.submission_id)
"""


def attached_reviews(site):
    """The review pages of submissions with a target set and a grading plan attached."""
    return [f"/cohorts/review/{pk}/" for pk in site.python(ATTACHED_SET).split()]


def test_facilitator_pages(site, axe_page, axe_source):
    log_in(axe_page, site, "facilitator@example.org", "feedback-first")
    axe_page.goto(site.url + "/cohorts/review/")
    axe_page.get_by_role("link", name="Review Learning Targets by Jordan Lee").click()
    review = axe_page.url.replace(site.url, "")
    axe_page.goto(site.url + "/certificates/cohorts/progress/")
    axe_page.get_by_role("link", name="Gradebook").first.click()
    gradebook = axe_page.url.replace(site.url, "")
    axe_page.goto(site.url + "/dashboard/")
    axe_page.get_by_role("link", name="evaluation results").first.click()
    results = axe_page.url.replace(site.url, "")
    paths = FACILITATOR + [review, gradebook, results, *attached_reviews(site)] + community_paths(site)["facilitator"]
    assert scan(axe_page, site, axe_source, paths) == {}


def test_admin_pages(site, axe_page, axe_source):
    log_in(axe_page, site, "admin@example.org", "open-the-cohort")
    module = site.python("from modules.models import ModulePage; print(ModulePage.objects.get(number=2).pk)")
    # The page editor: objectives, rich text in the description, the materials and the activities.
    assert scan(axe_page, site, axe_source, ADMIN + [f"/admin/pages/{module}/edit/"]) == {}


def test_sign_up_form_by_keyboard_alone(site, page):
    page.goto(site.url + "/accounts/signup/")
    order = []
    for _ in range(16):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
    assert order[0] == "Skip to main content"
    fields = [f for f in order if f.startswith("id_")]
    assert fields[:6] == [
        "id_email",
        "id_full_name",
        "id_job_title",
        "id_school",
        "id_password1",
        "id_password2",
    ]
    assert "Sign Up" in order[order.index("id_password2") + 1]
    # Fill and submit without a mouse.
    page.goto(site.url + "/accounts/signup/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    for _ in range(6):  # past the header links to the first field
        if page.evaluate("document.activeElement.id") == "id_email":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("keyboard@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Kim Keys")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # the school or site, left empty
    page.keyboard.press("Tab")
    page.keyboard.type("typed-with-keys-only-42")
    page.keyboard.press("Tab")
    page.keyboard.type("typed-with-keys-only-42")
    page.keyboard.press("Enter")
    page.wait_for_url("**/confirm-email/**")


def test_focus_is_visible(site, page):
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def tab_to(page, element_id, presses=60):
    """Press Tab until the element with this id has focus, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def test_cohort_registration_and_submission_forms_by_keyboard_alone(site, page):
    from tests.factories import PASSWORD

    enrollment_id = site.python(
        "from datetime import date, timedelta; from tests import factories; from cohorts.coursework.models import Submission; "
        "from modules.models import Activity; "
        "user = factories.participant(email='keys-only@example.org', full_name='Kai Keys'); "
        "factories.CohortFactory(name='Keyboard cohort', start_date=date.today() + timedelta(days=45)); "
        "e = factories.EnrollmentFactory(user=user, cohort__name='Keyboard started', "
        "cohort__start_date=date.today() - timedelta(days=3)); "
        "Submission.objects.create(enrollment=e, activity=Activity.objects.get(key='lbg-m00-introductions'), status='complete'); "
        "print(e.pk)"
    )
    log_in(page, site, "keys-only@example.org", PASSWORD)

    # Register for a cohort with a purchase order, keys only.
    page.goto(
        site.url
        + f"/cohorts/register/{site.python('from modules.models import CoursePage; print(CoursePage.objects.get().pk)')}/"
    )
    tab_to(page, "id_cohort")
    for _ in range(20):
        if page.evaluate("document.activeElement.selectedOptions[0].text").startswith("Keyboard cohort"):
            break
        page.keyboard.press("ArrowDown")
    tab_to(page, "id_payment_method_0")
    # Purchase orders come second where online payment is offered (arrow to it), else alone (Space).
    page.keyboard.press("Space" if page.evaluate("document.activeElement.value") == "purchase_order" else "ArrowDown")
    expect(page.get_by_label("Purchase order / invoice")).to_be_checked()
    tab_to(page, "id_purchase_order_number")
    page.keyboard.type("PO-KEYS-1")
    page.keyboard.press("Tab")
    page.keyboard.type("Bea Billing")
    page.keyboard.press("Tab")
    page.keyboard.type("billing@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Register"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("My courses")
    expect(page.get_by_text("Keyboard cohort").first).to_be_visible()

    # Submit learning targets, keys only.
    page.goto(site.url + f"/cohorts/enrollments/{enrollment_id}/activities/lbg-m02-learning-targets/")
    tab_to(page, "id_source")
    page.keyboard.type("- I can compare fractions on a number line.")
    tab_to(page, "id_attachments", presses=3)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Submit for feedback"
    page.keyboard.press("Enter")
    expect(page.get_by_text("Revision 1 of “Learning Targets” is submitted for feedback")).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_wide_tables_scroll_in_their_box_and_never_widen_the_page(site, browser, width):
    """The gradebook is wider than a phone (and than many laptops): it scrolls sideways in its
    own region, and nothing in it (the cells' hidden text for screen readers) widens the page."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        log_in(page, site, "facilitator@example.org", "feedback-first")
        page.goto(site.url + "/certificates/cohorts/progress/")
        cohort = page.get_by_role("region", name="Learning-Based Grading: Cohort 03")
        cohort.get_by_role("link", name="Gradebook").click()  # thirteen activities: wider than any screen
        region = page.get_by_role(
            "region", name="Gradebook (scrolls sideways; the header rows and the names stay in view)"
        )
        expect(region).to_be_visible()  # waits for the gradebook to load after the click
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # Scrolled to its last column, the names stay at the left edge of the frame.
        region.evaluate("frame => { frame.scrollLeft = frame.scrollWidth; }")
        name = region.get_by_role("rowheader").first.bounding_box()
        assert abs(name["x"] - region.bounding_box()["x"]) <= 2
        header = page.locator("header").first.bounding_box()
        assert header["width"] >= width - 1  # the header bar spans the page
    finally:
        context.close()
