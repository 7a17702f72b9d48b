"""The deadline rules as a table: weekends, Monday holidays, year end, DST, a start on a holiday."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from cohorts.registration.deadlines import business_days_before, compute_deadlines, is_business_day, open_by_start

US_CA = frozenset(holidays.country_holidays("US", subdiv="CA", years=range(2021, 2029)).keys())
LA = "America/Los_Angeles"


@pytest.mark.parametrize(
    "start, po_days, po_closes, access_opens, why",
    [
        # The seed's Cohort 03: Monday 31 January 2022.
        (date(2022, 1, 31), 3, date(2022, 1, 26), date(2022, 1, 27), "plain week: Wed / Thu before a Monday"),
        (date(2022, 1, 31), 4, date(2022, 1, 25), date(2022, 1, 27), "the seed's 4-business-day variant"),
        # Wednesday start: the weekend is skipped.
        (date(2026, 3, 4), 3, date(2026, 2, 27), date(2026, 3, 2), "weekend skipped"),
        # Tuesday after Labor Day (Mon 7 Sep 2026): the holiday is not a business day.
        (date(2026, 9, 8), 3, date(2026, 9, 2), date(2026, 9, 3), "Monday holiday skipped"),
        # Start after New Year: 1 January 2027 (Fri) and the weekend are skipped, across the year end.
        (date(2027, 1, 5), 3, date(2026, 12, 30), date(2026, 12, 31), "year end and New Year's Day"),
        # Start on a holiday (Martin Luther King Jr. Day, Mon 18 Jan 2027).
        (date(2027, 1, 18), 3, date(2027, 1, 13), date(2027, 1, 14), "start on a holiday"),
        # Thanksgiving (Thu 26 Nov 2026) and the day after (a California holiday).
        (date(2026, 11, 30), 3, date(2026, 11, 23), date(2026, 11, 24), "Thanksgiving and the day after"),
    ],
)
def test_deadline_table(start, po_days, po_closes, access_opens, why):
    d = compute_deadlines(start, LA, po_days, US_CA)
    tz = ZoneInfo(LA)
    assert d.online_registration_closes == datetime(start.year, start.month, start.day, tzinfo=tz), why
    assert d.purchase_order_closes.date() == po_closes, why
    assert d.access_opens.date() == access_opens, why
    assert d.purchase_order_closes.hour == d.access_opens.hour == 0


def test_deadlines_across_a_dst_change_keep_local_midnight():
    # DST began Sunday 8 March 2026 in Los Angeles: offsets differ before and after.
    d = compute_deadlines(date(2026, 3, 10), LA, 3, US_CA)
    assert d.online_registration_closes.utcoffset() == timedelta(hours=-7)
    assert d.purchase_order_closes.date() == date(2026, 3, 5)
    assert d.purchase_order_closes.utcoffset() == timedelta(hours=-8)
    assert d.purchase_order_closes.isoformat() == "2026-03-05T00:00:00-08:00"
    assert d.online_registration_closes.isoformat() == "2026-03-10T00:00:00-07:00"


def test_time_zone_of_the_cohort_decides_the_instant():
    ny = compute_deadlines(date(2026, 6, 1), "America/New_York", 3, US_CA)
    la = compute_deadlines(date(2026, 6, 1), LA, 3, US_CA)
    assert la.online_registration_closes - ny.online_registration_closes == timedelta(hours=3)


def test_windows_open_and_close_at_the_instant():
    d = compute_deadlines(date(2022, 1, 31), LA, 3, US_CA)
    just_before = d.purchase_order_closes - timedelta(seconds=1)
    assert d.purchase_order_open(just_before) and not d.purchase_order_open(d.purchase_order_closes)
    assert d.online_registration_open(d.purchase_order_closes)
    assert not d.online_registration_open(d.online_registration_closes)
    assert not d.access_open(d.access_opens - timedelta(seconds=1)) and d.access_open(d.access_opens)


def test_office_closed_days_count_like_holidays():
    closed = US_CA | {date(2022, 1, 26)}
    assert business_days_before(date(2022, 1, 31), 3, closed) == date(2022, 1, 25)
    assert not is_business_day(date(2022, 1, 26), closed)
    assert not is_business_day(date(2022, 1, 29))  # a Saturday


def test_from_its_start_on_a_cohort_is_open_whatever_the_closed_days():
    """The shortcut that reads no closed days agrees with the full rule wherever it answers."""
    start = date(2026, 1, 5)  # a Monday after the winter holidays
    every_weekday_closed = {start - timedelta(days=n) for n in range(1, 40)}
    for closed in ((), every_weekday_closed):
        deadlines = compute_deadlines(start, "America/Los_Angeles", 10, closed)
        for hours in range(-24 * 20, 24 * 3, 5):
            now = datetime(2026, 1, 5, tzinfo=ZoneInfo("America/Los_Angeles")) + timedelta(hours=hours)
            if open_by_start(start, "America/Los_Angeles", now):
                assert deadlines.access_open(now)
    assert open_by_start(
        start, "America/Los_Angeles", datetime(2026, 1, 5, 0, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    )
    assert not open_by_start(start, "America/Los_Angeles", datetime(2026, 1, 5, 7, 59, tzinfo=ZoneInfo("UTC")))


@pytest.mark.django_db
def test_one_cohorts_deadlines_match_its_listing_with_closed_days_and_fewer_queries(django_assert_num_queries):
    from cohorts.registration.models import ClosedDay
    from cohorts.registration.selectors import cohort_deadlines, listing_for
    from tests.factories import CohortFactory

    cohort = CohortFactory(start_date=date(2030, 3, 4))  # a Monday
    ClosedDay.objects.create(date=date(2030, 2, 28), reason="Office retreat")
    with django_assert_num_queries(2):  # the course's rule and the closed days: no seat counts
        deadlines = cohort_deadlines(cohort)
    assert deadlines == listing_for(cohort).deadlines
    assert deadlines.access_opens.date() == date(2030, 2, 27)  # two business days before, skipping the closed day
