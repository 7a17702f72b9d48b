"""The program office asks for a district's training-hour PDF: too long to build inside the request, it is built in
the background; the office sees its progress (rows done of rows total), and downloads the file when it is ready."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

# A cohort with more participants than the report builds inside a request (hours.views.INLINE_ROWS["pdf"]).
A_LONG_REPORT = """
from datetime import date
from decimal import Decimal
from cohorts.hours import views
from cohorts.hours.models import HoursEntry
from cohorts.registration.models import Cohort, Enrollment
from modules.models import WorkshopSeriesPage
from pd_platform.accounts.models import User
count = views.INLINE_ROWS["pdf"] + 20
cohort = Cohort.objects.create(program=WorkshopSeriesPage.objects.first(), name="District site 99", capacity=500,
    start_date=date(2030, 1, 7), end_date=date(2030, 5, 1), time_zone="America/Los_Angeles")
users = User.objects.bulk_create([User(email=f"district.teacher{i}@example.org", full_name=f"Teacher {i:03d}")
    for i in range(count)])
enrollments = Enrollment.objects.bulk_create([Enrollment(cohort=cohort, user=u, status="registered",
    payment_method="purchase_order", purchase_order_number="PO-99") for u in users])
HoursEntry.objects.bulk_create([HoursEntry(enrollment=e, source="workshop", reference="session-1",
    date=date(2030, 1, 14), hours=Decimal("2.00"), hours_beyond_contract=Decimal("0.50")) for e in enrollments])
print(cohort.pk, count)
"""


def test_the_office_starts_the_hours_pdf_sees_its_progress_and_downloads_it_when_ready(site, page, screenshot):
    cohort_id, count = site.python(A_LONG_REPORT).split()
    log_in(page, site, "admin@example.org", "open-the-cohort")
    page.goto(f"{site.url}/reports/hours/?cohort={cohort_id}")
    expect(page.get_by_text("A long report is built in the background")).to_be_visible()
    page.get_by_role("button", name="PDF").click()

    expect(page.get_by_role("heading", name="Training hours (PDF)", level=1)).to_be_visible()
    status = page.get_by_role("status")
    expect(status).to_be_visible()
    if page.get_by_text("Your file is being built").is_visible():  # a worker builds it (the production profile)
        expect(page.get_by_label("Progress of your file")).to_be_visible()
        screenshot("report-job-progress")
    download_link = page.get_by_role("link", name="Download Training hours (PDF)")
    expect(download_link).to_be_visible(timeout=180_000)  # the page reloads itself until the file is ready
    expect(status).to_contain_text(f"Your file is ready: {count} rows.")
    screenshot("report-job-ready")
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == "training-hours.pdf"
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
