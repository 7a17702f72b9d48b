"""From a course in an LMS to the platform, in Chromium, against the demo site: an instructor adds
Module 02 of their cohort through deep linking, a participant opens it from the course and lands
on it signed in, and the LMS gradebook hears where they are. The LMS is the local platform of
tests/lti (its own keys, real id_tokens, JWKS over HTTP)."""

import pytest
import requests

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_accessibility import violations
from tests.lti.platform import LocalPlatform
from tests.servers import wait_until

pytestmark = pytest.mark.browser

REGISTER = """
from lti_tool.models import LtiDeployment, LtiRegistration
from cohorts.registration.models import Enrollment
from modules.models import ModulePage
iss = "{iss}"
registration = LtiRegistration.objects.create(
    name="Riverside Canvas", issuer=iss, client_id="pd-tool-client",
    auth_url=iss + "/auth", token_url=iss + "/token", keyset_url=iss + "/jwks")
LtiDeployment.objects.create(registration=registration, deployment_id="deployment-1", is_active=True)
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


def open_picker(page, site, lms, sub):
    """An instructor facilitating the demo cohort adds content from the LMS course: the tool's picker."""
    open_tool(page, site, lms, lms.prepare(sub, roles=("Instructor",), email="facilitator@example.org", deep_link=True))
    page.get_by_role("heading", name="Add a page to your course").wait_for()


def open_tool(page, site, lms, hint):
    """In the LMS course, open the tool's link; the LMS's sign-in answers for the person."""
    page.goto(lms.url(f"/course?hint={hint}&tool={site.url}"))
    page.get_by_role("button", name="Open the tool").click()
    page.get_by_role("button", name="Continue").click()


def test_an_instructor_adds_a_module_and_a_participant_opens_it_from_the_course(site, page, lms, screenshot):
    demo = lms.demo
    open_picker(page, site, lms, "canvas-teacher")
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
    open_tool(page, site, lms, lms.prepare("canvas-student", email="participant@example.org", custom=item["custom"]))

    page.wait_for_url(site.url + demo["url"])
    page.get_by_role("heading", level=1, name=demo["module"]).wait_for()
    screenshot("lms-03-landed")
    assert page.get_by_role("button", name="Log out").is_visible()
    assert wait_until(lambda: any(score["userId"] == "canvas-student" for _, score in lms.scores), 20)


def test_the_pages_shown_inside_the_lms_pass_axe(site, axe_page, axe_source, lms):
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
