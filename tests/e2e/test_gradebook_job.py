"""A facilitator downloads their cohort's gradebook: the link lands on the page of the file being built in the
background (its progress while a worker builds it), then its download link."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

THEIR_COHORT = (
    "from cohorts.registration.models import Cohort; "
    "print(Cohort.objects.filter(facilitators__email='facilitator@example.org', enrollments__isnull=False)"
    ".order_by('pk').values_list('pk', flat=True).first())"
)


def test_the_facilitator_clicks_the_gradebook_csv_sees_its_page_and_downloads_it(site, page, screenshot):
    cohort_id = site.python(THEIR_COHORT)
    log_in(page, site, "facilitator@example.org", "feedback-first")
    page.goto(f"{site.url}/cohorts/{cohort_id}/gradebook/")
    page.get_by_role("link", name="Download the gradebook (CSV)").click()

    expect(page.get_by_role("heading", name="Gradebook (CSV)", level=1)).to_be_visible()
    assert "/exports/" in page.url
    if page.get_by_text("Your file is being built").is_visible():  # a worker builds it (the production profile)
        expect(page.get_by_label("Progress of your file")).to_be_visible()
    download_link = page.get_by_role("link", name="Download Gradebook (CSV)")
    expect(download_link).to_be_visible(timeout=120_000)  # the page reloads itself until the file is ready
    expect(page.get_by_role("status")).to_contain_text("Your file is ready:")
    screenshot("gradebook-job-ready")
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == f"gradebook-cohort-{cohort_id}.csv"
    header = open(download.value.path(), encoding="utf-8-sig").readline()
    assert header.startswith("email,full_name,")
