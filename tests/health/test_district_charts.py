"""A district coordinator's cohort health charts: the same charts as the facilitators', of the district's own people
in each cohort alone (another district's people in the same cohort count nowhere), each with its table and its CSV,
for the district's coordinator only, in a fixed number of queries however many cohorts and people."""

import csv
import io
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cohorts.coursework import services as coursework
from cohorts.coursework.models import Review, Revision, Submission
from cohorts.coursework.turnaround import Turnaround
from cohorts.health import selectors
from cohorts.registration.models import Enrollment
from cohorts.workshops import services as workshops
from cohorts.workshops.models import WorkshopSession
from cohorts.workshops.rules import counts_as_attended
from modules.models import Activity, ActivityKind, WorkshopSeriesPage
from tests import factories
from tests.coursework.test_coursework import complete_welcome

# ruff: noqa: F811 (the tests take the districts' fixtures, imported here, as arguments)
from tests.districts.conftest import coordinator, hillcrest, hillcrest_coordinator, riverside  # noqa: F401 (fixtures)

from .conftest import joined_days_ago

pytestmark = pytest.mark.django_db

WORK = (ActivityKind.ASSIGNMENT, ActivityKind.REFLECTION)


def running_cohort(name, facilitator, time_zone="America/Los_Angeles", program=None):
    extra = {"program": program} if program else {}
    return factories.CohortFactory(
        name=name,
        start_date=date.today() - timedelta(days=40),
        end_date=date.today() + timedelta(weeks=6),
        facilitators=[facilitator],
        time_zone=time_zone,
        **extra,
    )


def person(email, district):
    name = email.split("@")[0].replace(".", " ").title()
    return factories.participant(email=email, full_name=name, district=district)


def registered(user, cohort):
    return joined_days_ago(factories.EnrollmentFactory(user=user, cohort=cohort), 30)


def work_activities():
    """The course's first two activities rated as work (not a discussion, not attendance), in the course's order."""
    return list(
        Activity.objects.filter(key__startswith="lbg-", kind__in=WORK).order_by("page__path", "sort_order", "pk")
    )[:2]


def coursework_of(enrollment, facilitator, story, now):
    """Work in the states the charts read: ``story`` says, per work activity, what happened to each revision sent
    (every two days from twelve days ago, each reviewed a little later than the one before)."""
    complete_welcome(enrollment)  # and a stranger (of no district) joins the cohort to reply
    for activity, steps in zip(work_activities(), story, strict=False):
        revision = coursework.submit_revision(enrollment, activity, f"- I can show {activity.title}.")
        for n, step in enumerate(steps):
            sent = now - timedelta(days=12 - 2 * n)
            Revision.objects.filter(pk=revision.pk).update(created_at=sent)
            if step == "waiting":  # not reviewed yet: sent a few days ago
                Submission.objects.filter(pk=revision.submission_id).update(submitted_at=now - timedelta(days=n + 3))
                break
            review = coursework.review_submission(revision.submission, facilitator, step, "Which verb can you observe?")
            Review.objects.filter(pk=review.pk).update(created_at=sent + timedelta(hours=6 + 20 * n))
            if step == "needs_revision":
                revision = coursework.submit_revision(enrollment, activity, f"- I can explain {activity.title}.")


@pytest.fixture
def scene(riverside, hillcrest):
    """Riverside's Rita in a Los Angeles course cohort and a workshop series; Ravi in the same course cohort and in
    a New York one; Hillcrest's Holly and Hank beside them in each, with work and attendance of their own (which
    Riverside's figures must not count); and a Riverside teacher who cancelled, with work rated before."""
    now = timezone.now()
    fran = factories.facilitator(full_name="Fran Okafor")
    west = running_cohort("Cohort 07", fran)
    east = running_cohort("Cohort 08", fran, time_zone="America/New_York")
    series = running_cohort("Site cohort 2", fran, program=WorkshopSeriesPage.objects.get())
    rita, ravi = person("rita@riverside.example.org", riverside), person("ravi@riverside.example.org", riverside)
    holly, hank = person("holly@hillcrest.example.org", hillcrest), person("hank@hillcrest.example.org", hillcrest)
    stories = {
        (rita, west): [["needs_revision", "complete"], ["waiting"]],
        (ravi, west): [["complete"], ["needs_revision", "needs_revision", "waiting"]],
        (holly, west): [["needs_revision", "needs_revision", "needs_revision"], ["needs_revision", "waiting"]],
        (ravi, east): [["needs_revision", "complete"]],
        (hank, east): [["complete"], ["complete"]],
    }
    enrollments = {}
    for (who, cohort), story in stories.items():
        enrollments[who, cohort] = registered(who, cohort)
        coursework_of(enrollments[who, cohort], fran, story, now)
    # A completion at half past one on Monday morning in New York, still Sunday in Los Angeles: New York's week.
    monday = date.today() - timedelta(days=date.today().weekday())
    late = datetime.combine(monday, time(1, 30), tzinfo=ZoneInfo("America/New_York"))
    Review.objects.filter(revision__submission__enrollment=enrollments[ravi, east], rating="complete").update(
        created_at=late
    )
    cancelled = registered(person("cy@riverside.example.org", riverside), west)
    coursework_of(cancelled, fran, [["complete"]], now)
    Enrollment.objects.filter(pk=cancelled.pk).update(status=Enrollment.Status.CANCELLED)
    # The workshop series: Rita there, Holly absent from the first session, Hank's colleague at part of the second.
    for who in (rita, holly, person("hal@hillcrest.example.org", hillcrest)):
        enrollments[who, series] = registered(who, series)
    sessions = workshops.schedule_sessions(series, date.today() - timedelta(days=30))
    marks = {
        rita: [("present", 0), ("partial", sessions[1].minutes // 2)],
        holly: [("absent", 0), ("present", 0)],
    }
    for who, rows in marks.items():
        for session, (status, minutes) in zip(sessions, rows, strict=False):
            workshops.record_attendance(session, enrollments[who, series], status, minutes, fran)
    return {"now": now, "fran": fran, "cohorts": (west, east, series), "enrollments": enrollments}


def riverside_enrollments(scene, cohort):
    return [
        e for (who, c), e in scene["enrollments"].items() if c == cohort and who.email.endswith("riverside.example.org")
    ]


def raw_figures(cohort, enrollments, now, time_zone=None):
    """The figures recomputed row by row from the models, for these people only: what the charts must say."""
    ids = {e.pk for e in enrollments}
    zone = ZoneInfo(time_zone or cohort.time_zone)
    reviews = list(
        Review.objects.filter(revision__submission__enrollment_id__in=ids).select_related(
            "revision__submission__activity"
        )
    )
    weeks = Counter()
    for review in reviews:
        if review.rating == Review.Rating.COMPLETE:
            day = review.created_at.astimezone(zone).date()
            weeks[day - timedelta(days=day.weekday())] += 1
    completions = []
    week = min(weeks, default=None)
    while week is not None and week <= max(weeks):
        completions.append((week, weeks[week]))
        week += timedelta(weeks=1)
    waited = Counter()
    for submission in Submission.objects.filter(enrollment_id__in=ids, status=Submission.Status.SUBMITTED):
        days = (now - submission.submitted_at).days
        # (sent after ``now``: in no bucket)
        waited[
            next((label for low, high, label in selectors.WAITING_BUCKETS if low <= days < (high or 10**6)), "")
        ] += 1
    first_reviews = {}
    for review in sorted(reviews, key=lambda r: (r.created_at, r.pk)):
        if review.reviewer_id and review.revision_id not in first_reviews:
            first_reviews[review.revision_id] = review.created_at - review.revision.created_at
    asked = Counter(
        r.revision.submission.activity.title
        for r in reviews
        if r.rating == Review.Rating.NEEDS_REVISION and r.revision.submission.activity.kind in WORK
    )
    sent = Counter()
    for submission in Submission.objects.filter(enrollment_id__in=ids, activity__kind__in=WORK):
        sent[submission.activity.title] += submission.revisions.count() - 1
    attendance = [
        (
            session,
            sum(
                counts_as_attended(a.status, a.minutes, session.minutes)
                for a in session.attendance.all()
                if a.enrollment_id in ids
            ),
            len(ids),
        )
        for session in WorkshopSession.objects.filter(cohort=cohort).order_by("date")
    ]
    return {
        "completions": completions,
        "waiting": [(label, waited[label]) for _, _, label in selectors.WAITING_BUCKETS],
        "turnaround": Turnaround.of(cohort.name, first_reviews.values()),
        "revisions": {title: (count, sent[title]) for title, count in asked.items()},
        "attendance": attendance,
    }


def as_raw(figures):
    return {
        "completions": figures.completions,
        "waiting": figures.waiting,
        "turnaround": figures.turnaround,
        "revisions": {title: (count, sent) for title, count, sent in figures.revisions},
        "attendance": figures.attendance,
    }


def test_the_district_figures_count_its_people_alone(scene, riverside, hillcrest):
    now = scene["now"]
    health = selectors.district_health(riverside, now)
    west, east, series = scene["cohorts"]
    assert {item.cohort for item in health.cohorts} == {west, east, series}
    for item in health.cohorts:
        ours = riverside_enrollments(scene, item.cohort)
        assert sorted(p.enrollment.pk for p in item.people) == sorted(e.pk for e in ours)
        assert as_raw(item.figures) == raw_figures(item.cohort, ours, now), item.cohort
    # The figures are not empty, and they are not the whole cohort's (which still agree with the rows).
    by_cohort = {item.cohort: item.figures for item in health.cohorts}
    assert by_cohort[west].revisions and by_cohort[west].turnaround.reviews and by_cohort[series].attendance
    # The facilitators' figures, of everyone registered in the cohort (the feedback given to someone who has left
    # since counts in its turnaround and its revisions, as it always has).
    everyone = selectors.figures_of_cohorts(scene["cohorts"], now)
    for cohort in scene["cohorts"]:
        expected = raw_figures(cohort, cohort.enrollments.filter(status=Enrollment.Status.REGISTERED), now)
        given = raw_figures(cohort, cohort.enrollments.all(), now)
        expected.update(turnaround=given["turnaround"], revisions=given["revisions"])
        assert as_raw(everyone[cohort.pk]) == expected
        assert everyone[cohort.pk] != by_cohort[cohort]
    # New York's completions are counted by New York's weeks (in Los Angeles', the Monday-morning one moves).
    ours = riverside_enrollments(scene, east)
    assert by_cohort[east].completions != raw_figures(east, ours, now, "America/Los_Angeles")["completions"]
    # Hillcrest's figures are its own people's: Holly missed the first session and came to the second, Hal to none.
    theirs = {item.cohort: item.figures for item in selectors.district_health(hillcrest, now).cohorts}
    attended = [(attended, registered) for _, attended, registered in theirs[series].attendance]
    assert attended == [(0, 2), (1, 2)] + [(0, 2)] * (len(attended) - 2)


def page(client, district):
    response = client.get(f"/cohorts/districts/{district.pk}/health/")
    assert response.status_code == 200
    return response.content.decode()


def rows_of(client, district, cohort, key):
    response = client.get(f"/cohorts/districts/{district.pk}/health/?cohort={cohort.pk}&csv={key}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_coordinator_reads_each_cohorts_charts_with_their_tables_and_csv(
    client,
    scene,
    riverside,
    coordinator,
):
    west, east, series = scene["cohorts"]
    client.force_login(coordinator)
    shown = page(client, riverside)

    assert shown.count("Progress over time as a table</summary>") == 2  # the courses'
    assert "None of your people&#x27;s submissions has been rated complete yet." in shown  # the series'
    assert shown.count("Attendance per workshop session as a table</summary>") == 1  # the series only
    assert "The charts count the work of your 2 people in this cohort, and no one else's." in shown
    assert "The charts count the work of your 1 person in this cohort, and no one else's." in shown
    assert f'aria-labelledby="chart-{west.pk}-progress-title"' in shown
    assert f"Progress over time of your people in {west.name} (the table below holds the figures)" in shown
    assert f'href="?cohort={west.pk}&amp;csv=revisions">Download revisions per activity of your people in' in shown
    assert "How many of your 1 person registered attended" in shown
    assert "Submissions rated complete each week:" not in shown  # the facilitators' sentence; here "Your people's"
    for leak in ("Holly", "Hank", "Hal ", "Cy "):
        assert leak not in shown, leak

    first, second = (a.title for a in work_activities())
    # Rita and Ravi in Cohort 07: one revision asked of each activity, each sent; Holly's four are hers alone.
    assert rows_of(client, riverside, west, "revisions") == [
        ["Activity", "Revisions asked for", "Revisions sent"],
        [first, "1", "1"],
        [second, "2", "2"],
    ]
    assert rows_of(client, riverside, west, "waiting")[1:] == [
        ["Under 2 days", "0"],
        ["2 to 4 days", "1"],  # Rita's second activity
        ["5 to 9 days", "1"],  # Ravi's, sent a third time
        ["10 days or more", "0"],
    ]
    attendance = rows_of(client, riverside, series, "attendance")
    assert attendance[0] == ["Session", "Attended", "Registered", "Percent"]
    assert attendance[1][1:] == ["1", "1", "100"] and attendance[2][1:] == ["0", "1", "0"]
    response = client.get(f"/cohorts/districts/{riverside.pk}/health/?cohort={east.pk}&csv=progress")
    assert response["Content-Disposition"] == (
        f'attachment; filename="riverside-unified-learning-based-grading-{east.name.lower().replace(" ", "-")}-progress.csv"'
    )


def test_the_csv_is_refused_to_anyone_else_and_for_a_cohort_without_the_districts_people(
    client,
    scene,
    riverside,
    coordinator,
    hillcrest_coordinator,
):
    west, east, series = scene["cohorts"]
    url = f"/cohorts/districts/{riverside.pk}/health/?cohort={west.pk}&csv=revisions"
    rita = next(iter(scene["enrollments"].values())).user
    for outsider in (hillcrest_coordinator, rita, scene["fran"], factories.content_editor()):
        client.force_login(outsider)
        response = client.get(url)
        assert response.status_code == 404, outsider
        assert b"Revisions asked for" not in response.content
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    elsewhere = running_cohort("Cohort 09", scene["fran"])  # none of Riverside's people
    ended = factories.CohortFactory(
        start_date=date.today() - timedelta(days=200), end_date=date.today() - timedelta(days=100)
    )
    registered(person("olga@riverside.example.org", riverside), ended)
    for query in (
        f"cohort={elsewhere.pk}&csv=progress",
        f"cohort={ended.pk}&csv=progress",
        f"cohort={west.pk}&csv=attendance",  # a course has no sessions: no such chart
        f"cohort={west.pk}&csv=nothing",
        "cohort=seven&csv=progress",
        "csv=progress",
    ):
        assert client.get(f"/cohorts/districts/{riverside.pk}/health/?{query}").status_code == 404, query


# The page's 16 (the session, the user and roles, the district's gate, the district's registrations, the content's
# version, ``people_health``'s 11) and the charts' 8 (``figures_of_cohorts``), however many cohorts and people.
QUERIES_DISTRICT_HEALTH = 24
# A chart's CSV: the session, the user and roles, the district's gate, the cohort's registrations of the district's
# people and the charts' 8 (no one's flags).
QUERIES_DISTRICT_CHART_CSV = 12


def test_the_page_and_a_csv_cost_the_same_for_one_cohort_or_three_and_few_people_or_many(
    client,
    riverside,
    hillcrest,
    coordinator,
    django_assert_num_queries,
):
    now = timezone.now()
    fran = factories.facilitator()
    west = running_cohort("Cohort 07", fran)
    for n in range(2):
        coursework_of(registered(person(f"a{n}@riverside.example.org", riverside), west), fran, [["complete"]], now)
    client.force_login(coordinator)
    csv_url = f"/cohorts/districts/{riverside.pk}/health/?cohort={west.pk}&csv=progress"
    page(client, riverside)  # the outlines and the content types are cached from here on
    with django_assert_num_queries(QUERIES_DISTRICT_HEALTH):
        few = page(client, riverside)
    with django_assert_num_queries(QUERIES_DISTRICT_CHART_CSV):
        client.get(csv_url)

    east = running_cohort("Cohort 08", fran, time_zone="America/New_York")
    series = running_cohort("Site cohort", fran, program=WorkshopSeriesPage.objects.get())
    sessions = workshops.schedule_sessions(series, date.today() - timedelta(days=30))
    stories = ([["needs_revision", "complete"], ["waiting"]], [["complete"]], [["needs_revision", "waiting"]])
    for n in range(6):
        for cohort in (west, east):
            who = person(f"b{n}{cohort.pk}@riverside.example.org", riverside)
            coursework_of(registered(who, cohort), fran, stories[n % 3], now)
        attending = registered(person(f"c{n}@riverside.example.org", riverside), series)
        workshops.record_attendance(sessions[0], attending, "present" if n % 2 else "absent", 0, fran)
        registered(person(f"d{n}@hillcrest.example.org", hillcrest), west)
    page(client, riverside)
    with django_assert_num_queries(QUERIES_DISTRICT_HEALTH):
        many = page(client, riverside)
    with django_assert_num_queries(QUERIES_DISTRICT_CHART_CSV):
        rows = list(csv.reader(io.StringIO(client.get(csv_url).content.decode("utf-8-sig"))))
    assert few.count('class="health-chart"') == 3 and many.count('class="health-chart"') == 3 + 3 + 4
    # Cohort 07's: the Welcome of each of its 8 Riverside people, and the work rated complete of 6 of them.
    assert sum(int(count) for _, count in rows[1:]) == 8 + 6
