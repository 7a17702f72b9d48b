"""A participant's calendar feed (My courses): a secret address a calendar app subscribes to, which
they can replace when it has gone where it should not; the old address then stops at once."""

import re
from datetime import date

import pytest
from django.test import Client
from icalendar import Calendar

from cohorts.workshops import services as workshops
from pd_platform import personal_data
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db
RESET = "/cohorts/calendar/reset/"


@pytest.fixture
def enrollment(series_cohort):
    workshops.schedule_sessions(series_cohort, date(2030, 1, 14), place="Room 12")
    return EnrollmentFactory(cohort=series_cohort)


def feed_on(page) -> str:
    return re.search(r'href="(/cohorts/calendar/[^"]+/workshops\.ics)"', page.content.decode()).group(1)


def sessions_in(response):
    return len(Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_participant_gets_a_new_feed_address_and_the_old_one_stops_at_once(client, enrollment):
    client.force_login(enrollment.user)
    page = client.get("/cohorts/my-courses/")
    html = page.content.decode()
    assert "Reset this link if you shared it by mistake" in html and f'action="{RESET}"' in html
    old = feed_on(page)
    assert sessions_in(Client().get(old)) == 6

    answer = client.post(RESET, follow=True)
    assert "Your calendar feed has a new address" in answer.content.decode()
    new = feed_on(answer)
    assert new != old
    assert Client().get(old).status_code in (404, 410)
    subscribed = Client().get(new)
    assert subscribed.status_code == 200 and sessions_in(subscribed) == 6
    # The address is signed with the time it was drawn, so the page may show it with a later stamp: what
    # matters to the teacher is that the one shown now works, and stops with the next reset.
    shown = feed_on(client.get("/cohorts/my-courses/"))
    assert sessions_in(Client().get(shown)) == 6

    client.post(RESET)
    for address in (old, new, shown):
        assert Client().get(address).status_code in (404, 410)


def test_a_reset_is_ones_own_posted_with_the_csrf_token(client, enrollment, series_cohort):
    someone = EnrollmentFactory(cohort=series_cohort).user
    client.force_login(someone)
    theirs = feed_on(client.get("/cohorts/my-courses/"))
    client.force_login(enrollment.user)
    mine = feed_on(client.get("/cohorts/my-courses/"))
    client.post(RESET)
    assert Client().get(theirs).status_code == 200 and Client().get(mine).status_code in (404, 410)

    assert client.get(RESET).status_code == 405
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(someone)
    assert browser.post(RESET).status_code == 403
    assert Client().post(RESET).status_code == 302  # to sign in
    assert Client().get(theirs).status_code == 200


def test_erasing_a_person_retires_their_feed_address(client, enrollment, program_admin):
    client.force_login(enrollment.user)
    feed = feed_on(client.get("/cohorts/my-courses/"))
    personal_data.erase(enrollment.user, by=program_admin, reason="Asked by e-mail")
    assert Client().get(feed).status_code in (404, 410)


def test_addresses_given_out_before_resets_existed_work_until_their_owner_resets(client, enrollment):
    from django.core import signing
    from django.urls import reverse

    before = reverse("workshops:calendar_feed", args=[signing.dumps(enrollment.user.pk, salt="cohorts.calendar-feed")])
    assert sessions_in(Client().get(before)) == 6
    assert Client().get("/cohorts/calendar/forged-token/workshops.ics").status_code == 404
    client.force_login(enrollment.user)
    client.post(RESET)
    assert Client().get(before).status_code in (404, 410)
