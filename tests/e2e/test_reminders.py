"""Reminders as people meet them: choosing which ones come, and the unsubscribe link in one."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_a_participant_turns_one_reminder_off_from_their_profile(site, page):
    log_in(page, site, "participant@example.org", "learn-by-revising")
    page.goto(site.url + "/accounts/profile/")
    page.get_by_role("link", name="Choose your reminder emails").click()

    keep_going = page.get_by_role("checkbox", name="Keep going")
    assert keep_going.is_checked()
    keep_going.uncheck()
    page.get_by_role("button", name="Save my choices").click()

    expect(page.get_by_text("Your reminder choices are saved.")).to_be_visible()
    assert not page.get_by_role("checkbox", name="Keep going").is_checked()
    assert page.get_by_role("checkbox", name="A revision is waiting").is_checked()
    page.get_by_role("checkbox", name="Keep going").check()
    page.get_by_role("button", name="Save my choices").click()


def test_the_unsubscribe_link_works_without_signing_in(site, browser):
    url = site.python(
        "from pd_platform.accounts.models import User; from cohorts.reminders.services import unsubscribe_url; "
        "print(unsubscribe_url(User.objects.get(email='facilitator@example.org'), 'digest'))"
    )
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site.url + "/" + url.split("/", 3)[3])
        assert page.get_by_role("heading", level=1).inner_text() == (
            "Stop “Daily digest of work waiting for feedback” reminders?"
        )
        page.get_by_role("button", name="Unsubscribe from “Daily digest of work waiting for feedback”").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
        assert (
            site.python(
                "from cohorts.reminders.models import ReminderOptOut; "
                "print(list(ReminderOptOut.objects.filter(user__email='facilitator@example.org').values_list('kind', flat=True)))"
            )
            == "['digest']"
        )
    finally:
        context.close()
