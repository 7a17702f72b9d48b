"""The program office revokes a certificate at the certificate desk: it asks once, saying what will happen,
and afterwards the certificate reads as revoked and its hours are gone from the training-hour report."""

import re

import pytest

from tests.e2e.conftest import SCREENSHOTS, log_in
from tests.e2e.test_accessibility import violations

pytestmark = pytest.mark.browser

# A certificate of its own, so the demo's certificates (other tests' material) stay valid.
HOLDER = """
from certificates import services
from cohorts.registration.models import Cohort
from pd_platform.accounts.models import User
from tests import factories
cohort = Cohort.objects.get(name="Cohort 03", program__slug="learning-based-grading")
person = factories.participant(email="rowan.revoked@example.org", full_name="Rowan Revoked", school="Desk Test School")
enrollment = factories.EnrollmentFactory(cohort=cohort, user=person)
admin = User.objects.get(email="admin@example.org")
certificate = services.issue_certificate(enrollment, admin, "Completed on paper during the pilot")
print(certificate.code, cohort.pk)
"""


def screenshot(page, name):
    """The ``screenshot`` fixture photographs its own page; this test drives ``axe_page``."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def report_hours(page, site, cohort_id):
    """The holder's PD hours as the report's table shows them (None: not in the report)."""
    page.goto(f"{site.url}/reports/hours/?cohort={cohort_id}&school=Desk+Test+School")
    row = page.get_by_role("row").filter(has_text="rowan.revoked@example.org")
    if row.count() == 0:
        return None
    return row.get_by_role("cell").nth(8).inner_text()


def test_the_office_revokes_a_certificate_after_one_confirmation(site, axe_page, axe_source):
    page = axe_page
    code, cohort_id = site.python(HOLDER).split()
    log_in(page, site, "admin@example.org", "open-the-cohort")
    assert report_hours(page, site, cohort_id) == "30.00"

    page.goto(f"{site.url}/admin/certificates/?q={code}")
    reason_box = page.get_by_label(re.compile("^Re-issue with the name now in the profile"))
    border = reason_box.evaluate("e => [getComputedStyle(e).borderTopStyle, getComputedStyle(e).borderTopWidth]")
    assert border[0] != "none" and border[1] != "0px", "a required field must look like a field"
    assert violations(page, axe_source) == []
    screenshot(page, "certificate-desk")
    page.get_by_role("link", name="Revoke the certificate of Rowan Revoked").click()

    page.get_by_role("heading", name="Revoke this certificate?").wait_for()
    assert "The certificate stops verifying" in page.inner_text("main")
    assert "Its 30 PD hours are removed from Rowan Revoked's transcript and from the training-hour reports" in (
        page.inner_text("main")
    )
    assert violations(page, axe_source) == []
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "certificate-revoke-confirm-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # By keyboard: the reason, then Tab to the button that revokes, and Enter.
    page.get_by_label(re.compile("^Reason")).fill("Issued in error: the pilot did not count")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Yes, revoke the certificate"
    page.keyboard.press("Enter")

    page.get_by_text(f"Certificate {code} of Rowan Revoked revoked; 30.00 PD hours are no longer credited.").wait_for()
    row = page.get_by_role("row").filter(has_text=code)
    assert "Revoked" in row.inner_text() and "Issued in error" in row.inner_text()
    assert row.get_by_role("link", name=re.compile("^Revoke")).count() == 0
    screenshot(page, "certificate-desk-after-revoking")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the table scrolls in its own box
    assert report_hours(page, site, cohort_id) is None
    screenshot(page, "training-hours-after-revoking")

    page.goto(f"{site.url}/certificates/verify/{code}/")
    assert "revoked" in page.inner_text("main").lower()
