"""From a course in an LMS to the platform, in Chromium, against the demo site: an instructor connects
their course account to their account here once (signing in here) and adds Module 02 of their cohort
through deep linking; a participant connects theirs the same way and lands on the module, and from
then on opens it from the course signed in; the LMS gradebook hears where they are. The LMS is the
local platform of tests/lti (its own keys, real id_tokens, JWKS over HTTP)."""

import pytest
import requests
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_accessibility import violations
from tests.lti.platform import LocalPlatform
from tests.servers import wait_until

pytestmark = pytest.mark.browser

REGISTER = """
from lti_tool.models import LtiDeployment, LtiRegistration
from cohorts.lti.models import RegistrationTrust
from cohorts.registration.models import Enrollment
from modules.models import ModulePage
iss = "{iss}"
registration = LtiRegistration.objects.create(
    name="Riverside Canvas", issuer=iss, client_id="pd-tool-client",
    auth_url=iss + "/auth", token_url=iss + "/token", keyset_url=iss + "/jwks")
LtiDeployment.objects.create(registration=registration, deployment_id="deployment-1", is_active=True)
RegistrationTrust.objects.create(registration=registration, email_domains="riverside.k12.ca.us")
enrollment = Enrollment.objects.filter(
    user__email="participant@example.org", status="registered", cohort__program__slug="learning-based-grading",
    cohort__facilitators__email="facilitator@example.org").select_related("cohort").first()
module = ModulePage.objects.live().descendant_of(enrollment.cohort.program).get(number=2)
print(enrollment.cohort.name + "|" + module.title + "|" + module.url)
"""


@pytest.fixture(scope="module")
def lms(site):
    platform = LocalPlatform()
    cohort_name, module_title, module_url = site.python(REGISTER.format(iss=platform.issuer)).split("|")
    platform.tool_jwks = requests.get(site.url + "/lti/jwks/", timeout=10).json()
    platform.demo = {"cohort": cohort_name, "module": module_title, "url": module_url}
    yield platform
    platform.close()


FACILITATOR = ("facilitator@example.org", "feedback-first")
PARTICIPANT = ("participant@example.org", "learn-by-revising")


def connect(page, account, screenshot=None):
    """The first launch for an account that is here: the tool asks its owner to sign in here, in a tab
    of its own, and confirm the connection once. Returns that tab, where the person lands."""
    page.get_by_role("heading", name="Connect your course to your account").wait_for()
    if screenshot:
        screenshot("lms-00-connect")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Sign in and connect (opens a new tab)").click()
    tab = opened.value
    tab.set_default_timeout(15_000)
    tab.get_by_label("Email").fill(account[0])
    tab.get_by_label("Password").fill(account[1])
    tab.get_by_role("button", name="Sign In").click()
    tab.get_by_role("heading", name="Connect Riverside Canvas to your account").wait_for()
    tab.get_by_role("button", name="Connect my course account").click()
    return tab


def open_picker(page, site, lms, sub, first_time=False):
    """An instructor facilitating the demo cohort adds content from the LMS course: the tool's picker."""
    launch = lms.prepare(sub, roles=("Instructor",), email=FACILITATOR[0], deep_link=True)
    open_tool(page, site, lms, launch)
    if first_time:
        tab = connect(page, FACILITATOR)
        tab.get_by_text("Your account is connected to Riverside Canvas.").wait_for()
        tab.close()
        open_tool(page, site, lms, lms.prepare(sub, roles=("Instructor",), email=FACILITATOR[0], deep_link=True))
    page.get_by_role("heading", name="Add a page to your course").wait_for()


def open_tool(page, site, lms, hint):
    """In the LMS course, open the tool's link; the LMS's sign-in answers for the person."""
    page.goto(lms.url(f"/course?hint={hint}&tool={site.url}"))
    page.get_by_role("button", name="Open the tool").click()
    page.get_by_role("button", name="Continue").click()


def test_an_instructor_adds_a_module_and_a_participant_opens_it_from_the_course(site, page, lms, screenshot):
    demo = lms.demo
    open_picker(page, site, lms, "canvas-teacher", first_time=True)
    screenshot("lms-01-picker")
    cohort = page.get_by_role("group", name=demo["cohort"]).first
    cohort.get_by_label(demo["module"]).check()
    page.get_by_role("button", name="Add to course").click()

    page.get_by_role("heading", name="Added to the course").wait_for()  # the answer went back, past the CSP
    screenshot("lms-02-added")
    [answer] = lms.deep_link_answers
    [item] = answer["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert demo["module"] in item["title"]

    page.context.clear_cookies()
    open_tool(page, site, lms, lms.prepare("canvas-student", email=PARTICIPANT[0], custom=item["custom"]))
    tab = connect(page, PARTICIPANT, screenshot)
    tab.wait_for_url(site.url + demo["url"])
    tab.get_by_role("heading", level=1, name=demo["module"]).wait_for()
    assert wait_until(lambda: any(score["userId"] == "canvas-student" for _, score in lms.scores), 20)
    tab.close()

    # From then on the course opens the page signed in.
    page.context.clear_cookies()
    open_tool(page, site, lms, lms.prepare("canvas-student", email=PARTICIPANT[0], custom=item["custom"]))
    page.wait_for_url(site.url + demo["url"])
    page.get_by_role("heading", level=1, name=demo["module"]).wait_for()
    screenshot("lms-03-landed")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_an_lms_naming_the_admins_address_reaches_no_admin_page(site, page, lms, screenshot):
    open_tool(page, site, lms, lms.prepare("canvas-mallory", roles=("Instructor",), email="admin@example.org"))
    page.get_by_role("heading", name="Connect your course to your account").wait_for()
    page.goto(site.url + "/admin/users/")
    page.wait_for_url("**/accounts/login/**")
    screenshot("lms-05-no-admin")


def test_the_pages_shown_inside_the_lms_pass_axe(site, axe_page, axe_source, lms):
    open_tool(axe_page, site, lms, lms.prepare("canvas-teacher-2", roles=("Instructor",), email=FACILITATOR[0]))
    axe_page.get_by_role("heading", name="Connect your course to your account").wait_for()
    assert violations(axe_page, axe_source) == []
    with axe_page.context.expect_page() as opened:
        axe_page.get_by_role("link", name="Sign in and connect (opens a new tab)").click()
    tab = opened.value
    tab.get_by_label("Email").fill(FACILITATOR[0])
    tab.get_by_label("Password").fill(FACILITATOR[1])
    tab.get_by_role("button", name="Sign In").click()
    tab.get_by_role("heading", name="Connect Riverside Canvas to your account").wait_for()
    assert violations(tab, axe_source) == []
    tab.get_by_role("button", name="Connect my course account").click()
    tab.get_by_text("Your account is connected to Riverside Canvas.").wait_for()
    tab.close()

    axe_page.context.clear_cookies()
    open_tool(axe_page, site, lms, lms.prepare("canvas-teacher-2", roles=("Instructor",), email=FACILITATOR[0]))
    axe_page.get_by_role("heading", name="Sign in on the platform").wait_for()
    axe_page.screenshot(path=str(SCREENSHOTS / "lms-06-staff-sign-in.png"), full_page=True)
    assert violations(axe_page, axe_source) == []
    open_picker(axe_page, site, lms, "canvas-teacher-2")
    assert violations(axe_page, axe_source) == []

    axe_page.context.clear_cookies()
    open_tool(
        axe_page,
        site,
        lms,
        lms.prepare("canvas-someone", email="not.registered@riverside.k12.ca.us", custom={"cohort": "1", "page": "1"}),
    )
    axe_page.get_by_role("heading", name="This link could not be opened").wait_for()
    axe_page.screenshot(path=str(SCREENSHOTS / "lms-04-refused.png"), full_page=True)
    assert violations(axe_page, axe_source) == []
