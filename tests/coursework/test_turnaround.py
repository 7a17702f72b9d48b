"""Feedback turnaround: how long a participant waits from a submission to its first review by a
facilitator, as the median and the 90th percentile over the last 90 days, on the facilitator's
home (their own and their cohorts') and on the program office's dashboard (every facilitator and
cohort)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cohorts.coursework.models import Review, Revision, Submission
from cohorts.coursework.selectors import facilitator_turnaround, office_turnaround, program_activities
from cohorts.coursework.turnaround import in_words, percentile
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def reviewed(cohort, reviewer, hours, days_ago=1, enrollment=None, activity=0):
    """A revision submitted ``hours`` before its first review, given ``days_ago`` days ago."""
    enrollment = enrollment or EnrollmentFactory(cohort=cohort)
    submission = Submission.objects.create(
        enrollment=enrollment, activity=program_activities(cohort.program_id)[activity], status="complete"
    )
    revision = Revision.objects.create(submission=submission, number=1, source="work", body="<p>work</p>")
    review = Review.objects.create(revision=revision, reviewer=reviewer, rating="complete", feedback="<p>ok</p>")
    given = timezone.now() - timedelta(days=days_ago)
    # History is append-only for people; a test sets the clock of what it wrote.
    Revision.objects.filter(pk=revision.pk).update(created_at=given - timedelta(hours=hours))
    Review.objects.filter(pk=review.pk).update(created_at=given)
    return revision


@pytest.fixture
def fran(db):
    return factories.facilitator(full_name="Fran Okafor")


@pytest.fixture
def cohort(fran):
    return CohortFactory(name="Cohort 07", start_date=date.today() - timedelta(days=30), facilitators=[fran])


def test_percentile_interpolates_between_ranks():
    assert percentile([], 0.5) is None
    assert percentile([4], 0.9) == 4
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile(list(range(1, 11)), 0.9) == pytest.approx(9.1)


@pytest.mark.parametrize(
    ("duration", "words"),
    [
        (timedelta(minutes=59), "under an hour"),
        (timedelta(hours=1), "1 h"),
        (timedelta(hours=5, minutes=20), "5 h"),
        (timedelta(hours=23, minutes=40), "1 day"),
        (timedelta(hours=28), "1 day 4 h"),
        (timedelta(days=12, hours=2), "12 days 2 h"),
        (timedelta(days=3), "3 days"),
    ],
)
def test_durations_read_as_people_say_them(duration, words):
    assert in_words(duration) == words


def test_median_and_p90_of_first_reviews_by_facilitators_over_90_days(cohort, fran):
    for hours in range(1, 11):  # 1 h ... 10 h
        reviewed(cohort, fran, hours)
    # Not counted: a participation rule's rating (no reviewer), a second review of the same revision,
    # and a first review given before the 90 days.
    reviewed(cohort, None, 500)
    again = reviewed(cohort, fran, 2)
    Review.objects.create(revision=again, reviewer=fran, rating="complete", feedback="<p>and again</p>")
    reviewed(cohort, fran, 300, days_ago=91)

    report = facilitator_turnaround(fran)

    own = report.overall
    assert own.reviews == 11  # ten, and the revision reviewed twice counted once (its first: 2 h)
    assert own.median == timedelta(hours=5)  # 1,2,2,3,...,10: the sixth of eleven
    assert own.p90 == timedelta(hours=9)
    [row] = report.by_cohort
    assert row.label.endswith("Cohort 07") and row.reviews == 11
    assert (row.median_text, row.p90_text) == ("5 h", "9 h")
    assert report.days == 90


def test_exact_figures_on_a_known_set(cohort, fran):
    for hours in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10):
        reviewed(cohort, fran, hours)
    own = facilitator_turnaround(fran).overall
    assert own.median == timedelta(hours=5, minutes=30)
    assert own.p90 == timedelta(hours=9, minutes=6)


def test_a_cohort_counts_every_facilitators_reviews_and_own_counts_only_theirs(cohort, fran):
    co = factories.facilitator(full_name="Chris Ode")
    cohort.facilitators.add(co)
    reviewed(cohort, fran, 2)
    reviewed(cohort, co, 50)
    reviewed(cohort, co, 70)

    report = facilitator_turnaround(fran)

    assert report.overall.reviews == 1 and report.overall.median_text == "2 h"
    [row] = report.by_cohort
    assert row.reviews == 3 and row.median_text == "2 days 2 h"  # 2 h, 50 h, 70 h


def test_the_facilitators_home_shows_their_own_and_their_cohorts_only(client, cohort, fran):
    elsewhere = CohortFactory(name="Cohort 99", facilitators=[factories.facilitator(full_name="Other Person")])
    reviewed(cohort, fran, 28)
    reviewed(elsewhere, elsewhere.facilitators.get(), 3)
    quiet = CohortFactory(name="Cohort 08", start_date=date.today(), facilitators=[fran])
    client.force_login(fran)

    html = client.get("/dashboard/").content.decode()
    card = html[html.index('id="turnaround-heading"') :]
    card = card[: card.index("</section>")]

    assert "over the last 90 days" in card
    assert (
        "Your first reviews: median <strong>1 day 4 h</strong>, 90% within <strong>1 day 4 h</strong> (1 review)"
        in card
    )
    assert "Cohort 07" in card and quiet.name in card and "no reviews yet" in card
    assert "Cohort 99" not in card and "3 h" not in card


def test_a_facilitator_without_reviews_is_told_so(client, cohort, fran):
    client.force_login(fran)
    html = client.get("/dashboard/").content.decode()
    assert "Your first reviews: no reviews yet in these 90 days." in html


@pytest.mark.parametrize("many", [False, True])
def test_the_facilitators_figures_cost_two_queries_however_many_cohorts(cohort, fran, many, django_assert_num_queries):
    reviewed(cohort, fran, 5)
    if many:
        for n in range(3):
            other = CohortFactory(name=f"Cohort 1{n}", start_date=date.today(), facilitators=[fran])
            for hours in (1, 30, 90):
                reviewed(other, fran, hours)
    with django_assert_num_queries(2):
        report = facilitator_turnaround(fran)
    assert len(report.by_cohort) == (4 if many else 1)


@pytest.mark.parametrize("many", [False, True])
def test_the_office_sees_every_facilitator_and_cohort_in_a_fixed_number_of_queries(
    cohort, fran, program_admin, many, django_assert_num_queries
):
    reviewed(cohort, fran, 5)
    if many:
        for n in range(3):
            person = factories.facilitator(full_name=f"Facilitator {n}")
            other = CohortFactory(name=f"Cohort 2{n}", start_date=date.today(), facilitators=[person])
            for hours in (1, 30, 90):
                reviewed(other, person, hours)
    with django_assert_num_queries(2):  # the reader's role, then every first review in the window
        report = office_turnaround(program_admin)
    assert [t.label for t in report.by_facilitator][:1] == (["Facilitator 0"] if many else ["Fran Okafor"])
    assert len(report.by_facilitator) == len(report.by_cohort) == (4 if many else 1)
    if many:
        row = next(t for t in report.by_facilitator if t.label == "Facilitator 1")
        assert (row.reviews, row.median_text, row.p90_text) == (
            3,
            "1 day 6 h",
            "3 days 6 h",
        )  # p90: 30 + 0.8 * 60 = 78 h


def test_the_office_dashboard_and_admin_home_show_the_tables(client, cohort, fran, program_admin):
    reviewed(cohort, fran, 28)
    client.force_login(program_admin)
    for url in ("/dashboard/", "/admin/"):
        html = client.get(url).content.decode()
        assert "Feedback turnaround, last 90 days" in html, url
        assert "<caption>Per facilitator</caption>" in html and "<caption>Per cohort</caption>" in html
        assert '<th scope="row">Fran Okafor</th><td>1 day 4 h</td><td>1 day 4 h</td><td>1</td>' in html


def test_the_office_with_no_reviews_is_told_so(client, program_admin):
    client.force_login(program_admin)
    assert "No reviews yet in the last 90 days." in client.get("/dashboard/").content.decode()


def test_only_the_office_sees_everyones_turnaround(client, cohort, fran):
    reviewed(cohort, fran, 28)
    assert office_turnaround(fran) is None
    for person in (fran, factories.participant()):
        client.force_login(person)
        assert "Feedback turnaround, last 90 days" not in client.get("/dashboard/").content.decode()
    client.force_login(factories.participant())
    assert "Your feedback turnaround" not in client.get("/dashboard/").content.decode()
