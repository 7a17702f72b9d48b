"""Facilitator, trainer and admin forms given huge numbers, NaN, far dates, long and repetitive
strings: a form error every time, never a server error, and nothing half-saved."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certificates import services as certificate_services
from certificates.models import SiteCohortRequest
from cohorts.hours.models import HoursEntry
from cohorts.workshops import services as workshops
from cohorts.workshops.models import Attendance, WorkshopSession
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

NUMBERS = ["1e400", "NaN", "nan", "inf", "-inf", "-1", "99999999999999999999999", "1.5", "0x10", " ", "٣", "1e3"]
DATES = ["9999-12-31", "0001-01-01", "10000-01-01", "2030-02-30", "yesterday", "", "2030-1-1", "\x00"]
LONG = ["x" * 100_000, "x y " * 50_000, "a@b.c" * 10_000]
hostile_number = st.one_of(
    st.sampled_from(NUMBERS), st.integers(min_value=-(10**30), max_value=10**30).map(str), st.text(max_size=30)
)
hostile_date = st.one_of(st.sampled_from(DATES), st.dates().map(date.isoformat), st.text(max_size=20))
hostile_text = st.one_of(st.sampled_from(LONG), st.text(max_size=300))
relaxed = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture
def session(series_cohort):
    return workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[1]


def test_scheduling_on_the_last_day_of_9999_is_a_form_error(client, series_cohort, trainer):
    client.force_login(trainer)
    response = client.post(
        f"/cohorts/{series_cohort.pk}/sessions/",
        {"first_date": "9999-12-31", "start_time": "15:45", "place": "Library"},
    )
    assert response.status_code == 200
    assert "Give a date between the years 2000 and 2100." in response.content.decode()
    assert not WorkshopSession.objects.filter(cohort=series_cohort).exists()


@relaxed
@given(first_date=hostile_date, start_time=hostile_text, place=hostile_text)
def test_scheduling_with_any_input(client, series_cohort, trainer, first_date, start_time, place):
    client.force_login(trainer)
    response = client.post(
        f"/cohorts/{series_cohort.pk}/sessions/", {"first_date": first_date, "start_time": start_time, "place": place}
    )
    assert response.status_code in (200, 302)


@relaxed
@given(day=hostile_date, place=hostile_text)
def test_moving_a_session_with_any_input(client, session, trainer, day, place):
    client.force_login(trainer)
    response = client.post(
        f"/cohorts/sessions/{session.pk}/edit/",
        {"date": day, "start_time": "16:00", "end_time": "18:00", "place": place},
    )
    assert response.status_code in (200, 302)
    session.refresh_from_db()
    assert date(2000, 1, 1) <= session.date <= date(2100, 12, 31)


@pytest.mark.parametrize("minutes", ["1e400", "NaN", "99999999999999999999999", "-5", "1.5"])
def test_a_bad_row_saves_nothing_of_the_batch(client, session, trainer, minutes):
    first, second = EnrollmentFactory(cohort=session.cohort), EnrollmentFactory(cohort=session.cohort)
    client.force_login(trainer)
    response = client.post(
        f"/cohorts/sessions/{session.pk}/attendance/",
        {
            f"status-{first.pk}": "present",
            f"status-{second.pk}": "partial",
            f"minutes-{second.pk}": minutes,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert not Attendance.objects.exists() and not HoursEntry.objects.exists()
    # What was typed is still there to correct.
    chosen = html.split(f'name="status-{first.pk}"', 1)[1].split("</select>", 1)[0]
    assert '<option value="present" selected>' in chosen


@relaxed
@given(
    status=st.one_of(st.sampled_from(["present", "partial", "absent"]), st.text(max_size=20)),
    minutes=hostile_number,
    outside=hostile_text,
)
def test_attendance_with_any_input(client, session, trainer, status, minutes, outside):
    enrollment = EnrollmentFactory(cohort=session.cohort)
    client.force_login(trainer)
    response = client.post(
        f"/cohorts/sessions/{session.pk}/attendance/",
        {
            f"status-{enrollment.pk}": status,
            f"minutes-{enrollment.pk}": minutes,
            f"outside-{enrollment.pk}": outside,
        },
    )
    assert response.status_code in (200, 302)
    for record in Attendance.objects.filter(session=session):
        assert 0 <= record.minutes <= session.minutes


@pytest.fixture
def certified(reviewer_and_cohort):
    reviewer, cohort = reviewer_and_cohort
    enrollment = EnrollmentFactory(cohort=cohort)
    certificate_services.issue_certificate(enrollment, factories.program_admin(), "Completed elsewhere")
    return enrollment.user


@pytest.fixture
def reviewer_and_cohort(db):
    reviewer = factories.facilitator()
    return reviewer, CohortFactory(start_date=date.today(), facilitators=[reviewer])


def test_a_site_cohort_request_with_an_absurd_size_or_site_is_a_form_error(client, certified):
    client.force_login(certified)
    soon = (date.today() + timedelta(days=30)).isoformat()
    for data, message in [
        ({"site": "Lincoln", "first_date": soon, "expected_size": "99999999999999999999999"}, "less than or equal to"),
        ({"site": "x" * 100_000, "first_date": soon, "expected_size": "12"}, "at most 150 characters"),
        ({"site": "Lincoln", "first_date": "9999-12-31", "expected_size": "12"}, "between the years 2000 and 2100"),
        ({"site": "Lincoln", "first_date": soon, "expected_size": "NaN"}, "Enter a whole number"),
    ]:
        response = client.post("/certificates/site-cohorts/request/", data)
        assert response.status_code == 200
        assert message in response.content.decode(), data
    assert not SiteCohortRequest.objects.exists()


@relaxed
@given(site=hostile_text, first_date=hostile_date, size=hostile_number)
def test_site_cohort_request_with_any_input(client, certified, site, first_date, size):
    client.force_login(certified)
    response = client.post(
        "/certificates/site-cohorts/request/", {"site": site, "first_date": first_date, "expected_size": size}
    )
    assert response.status_code in (200, 302)


def test_an_invitation_cannot_smuggle_a_header(client, certified, mailoutbox):
    from certificates import trainers

    site_request = trainers.request_site_cohort(certified, "Lincoln", date.today() + timedelta(days=30), 10)
    cohort = trainers.approve_site_cohort(site_request, factories.program_admin())
    client.force_login(certified)
    for emails in ["a@b\r\nBcc: x@evil.test", "teacher@school.example.org\nBcc: x@evil.test", "no-at-sign", "x@"]:
        response = client.post(f"/certificates/site-cohorts/{cohort.pk}/invite/", {"emails": emails})
        assert response.status_code == 200
        assert "These are not email addresses" in response.content.decode()
    assert not mailoutbox
    with pytest.raises(trainers.TrainerError):
        trainers.invite_teachers(cohort, ["a@b.org\r\nBcc: x@evil.test"], certified)
    assert not mailoutbox


@relaxed
@given(email=hostile_text, reason=hostile_text, cohort=hostile_number, query=hostile_text)
def test_certificate_desk_with_any_input(client, reviewer_and_cohort, email, reason, cohort, query):
    client.force_login(factories.program_admin())
    assert client.get("/admin/certificates/", {"q": query, "cohort": cohort}).status_code == 200
    response = client.post("/admin/certificates/issue/", {"email": email, "cohort": cohort, "reason": reason})
    assert response.status_code == 302


def cohort_form(program_id, **values):
    data = {
        "program": program_id,
        "name": "Cohort 90",
        "start_date": "2030-03-04",
        "end_date": "2030-05-01",
        "capacity": "30",
        "fee": "450.00",
        "time_zone": "America/Los_Angeles",
        "registration": "auto",
    }
    data.update(values)
    return data


@pytest.mark.parametrize(
    "values",
    [
        {"capacity": "99999999999999999999999"},
        {"capacity": "NaN"},
        {"capacity": "1e400"},
        {"fee": "NaN"},
        {"fee": "1e400"},
        {"fee": "99999999999999999999"},
        {"start_date": "9999-12-31", "end_date": "9999-12-31"},
        {"end_date": "9999-12-31"},
        {"name": "x" * 100_000},
    ],
)
def test_an_admin_opening_a_cohort_with_absurd_values_gets_a_form_error(client, program_admin, values):
    from cohorts.registration.models import Cohort
    from modules.models import CoursePage

    client.force_login(program_admin)
    before = Cohort.objects.count()
    response = client.post("/admin/snippets/cohorts/cohort/add/", cohort_form(CoursePage.objects.get().pk, **values))
    assert response.status_code == 200
    assert "The cohort could not be created due to errors." in response.content.decode()
    assert Cohort.objects.count() == before


def test_a_closed_day_in_the_year_9999_is_a_form_error(client, program_admin):
    from cohorts.registration.models import ClosedDay

    client.force_login(program_admin)
    response = client.post("/admin/snippets/cohorts/closedday/add/", {"date": "9999-12-31", "reason": "x"})
    assert response.status_code == 200 and "between the years 2000 and 2100" in response.content.decode()
    assert not ClosedDay.objects.exists()


def test_the_same_cohort_form_with_sensible_values_opens_the_cohort(client, program_admin):
    from cohorts.registration.models import Cohort
    from modules.models import CoursePage

    client.force_login(program_admin)
    response = client.post("/admin/snippets/cohorts/cohort/add/", cohort_form(CoursePage.objects.get().pk))
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Cohort.objects.filter(name="Cohort 90").exists()
