"""The program office at work in the admin, as it reads and clicks: cancelling a paid place and refunding it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

PAID_PLACE = """
from django.utils import timezone
from cohorts.registration.models import Cohort, Enrollment, Payment
from pd_platform.accounts.models import User
cohort = Cohort.objects.filter(fee__gt=0, private=False).order_by("-start_date").first()
user = User.objects.create_user(email="paid.teacher@example.org", full_name="Pat Paidwell", password="x-long-password")
now = timezone.now()
enrollment = Enrollment.objects.create(cohort=cohort, user=user, status="registered", payment_method="online", paid_at=now)
Payment.objects.create(enrollment=enrollment, provider="test", reference="e2e-paid", amount=cohort.fee, status="paid", paid_at=now)
print(enrollment.pk, cohort.fee)
"""


def test_the_office_cancels_a_paid_place_after_reading_what_happens_to_the_money(site, page, screenshot):
    enrollment, fee = site.python(PAID_PLACE).split()
    log_in(page, site, "admin@example.org", "open-the-cohort")
    page.goto(f"{site.url}/admin/snippets/cohorts/enrollment/edit/{enrollment}/")
    page.get_by_role("link", name="Cancel this place…").click()

    expect(page.get_by_role("heading", name="What happens to the money")).to_be_visible()
    expect(page.get_by_text(f"${fee} was paid with the test payment provider")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("office-cancel-paid-place-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Cancel the place").click()

    expect(page.get_by_text("Pat Paidwell's place")).to_be_visible()
    expect(page.get_by_role("heading", name="Refunds", level=1)).to_be_visible()
    page.get_by_role("button", name=f"Refund ${fee} to Pat Paidwell").click()
    expect(page.get_by_text(f"${fee} refunded to Pat Paidwell")).to_be_visible()
    given = page.get_by_role("table", name="Refunds given, newest first")
    expect(given.get_by_role("row").filter(has_text="Pat Paidwell")).to_contain_text(f"${fee}")
    screenshot("office-refunds")

    assert len(site.wait_for_email("paid.teacher@example.org", "is cancelled")) == 1
    assert len(site.wait_for_email("paid.teacher@example.org", "Refunded")) == 1
    page.goto(f"{site.url}/admin/snippets/cohorts/enrollment/?q=")
    expect(page.get_by_role("row").filter(has_text="Pat Paidwell").first).to_contain_text("Refunded")


def test_the_office_finds_a_facilitator_and_a_time_zone_in_the_cohort_form(site, page, screenshot):
    log_in(page, site, "admin@example.org", "open-the-cohort")
    page.goto(f"{site.url}/admin/snippets/cohorts/cohort/add/")
    page.set_viewport_size({"width": 390, "height": 844})
    search = page.get_by_label("Find a facilitator by name or e-mail")
    search.fill("facilitator@example")
    shown = page.locator("input[name=facilitators]:visible")
    expect(shown).to_have_count(1)
    page.get_by_role("combobox", name="Time zone").select_option("America/New_York")
    screenshot("office-cohort-form-390")
    search.fill("")
    assert page.locator("input[name=facilitators]:visible").count() >= 1
    assert page.get_by_role("combobox", name="Time zone").input_value() == "America/New_York"
