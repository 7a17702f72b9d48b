"""What a coordinator opens beyond the workspace's reports: their people's health in the cohorts that have not ended,
and their district's impact report. Each page lives in its own room and asks the workspace who may open
which district: only the district's coordinator (and the program office) see it, and only the people in the
district now."""

from datetime import date, timedelta

import pytest

from tests import factories
from tests.health.conftest import joined_days_ago, waiting_on_a_revision

pytestmark = pytest.mark.django_db


def running_cohort(name, facilitator=None):
    return factories.CohortFactory(
        name=name,
        start_date=date.today() - timedelta(days=21),
        end_date=date.today() + timedelta(weeks=6),
        facilitators=[facilitator] if facilitator else [],
    )


def registered(person, cohort, days_ago=20):
    return joined_days_ago(factories.EnrollmentFactory(user=person, cohort=cohort), days_ago)


@pytest.fixture
def fran(db):
    return factories.facilitator(full_name="Fran Okafor")


@pytest.fixture
def world(riverside, hillcrest, fran):
    """One running cohort with a Riverside teacher waiting on a revision, a Hillcrest teacher idle and a teacher
    who was in Riverside and moved to Hillcrest (idle, too); an ended cohort with another Riverside teacher."""
    cohort = running_cohort("Cohort 07", fran)
    rita = factories.participant(email="rita@riverside.example.org", full_name="Rita Revises", district=riverside)
    waiting_on_a_revision(registered(rita, cohort), fran)
    holly = factories.participant(email="holly@hillcrest.example.org", full_name="Holly Hill", district=hillcrest)
    registered(holly, cohort)
    mover = factories.participant(email="mo@elsewhere.example.com", full_name="Mo Mover", district=riverside)
    registered(mover, cohort)
    factories.place_in_district(mover, hillcrest)
    ended = factories.CohortFactory(
        name="Cohort 01", start_date=date.today() - timedelta(days=200), end_date=date.today() - timedelta(days=140)
    )
    old = factories.participant(email="olga@riverside.example.org", full_name="Olga Earlier", district=riverside)
    registered(old, ended, 200)
    return {"cohort": cohort, "ended": ended, "rita": rita, "holly": holly, "mover": mover}


def urls(district):
    return [f"/cohorts/districts/{district.pk}/health/", f"/impact/districts/{district.pk}/"]


def test_the_workspace_home_links_the_cohorts_health_and_the_impact_report(client, coordinator, riverside):
    client.force_login(coordinator)
    page = client.get(f"/districts/{riverside.pk}/").content.decode()
    for url in urls(riverside):
        assert f'href="{url}"' in page
    assert "Cohort health" in page and "Impact report" in page


@pytest.mark.parametrize("who", ["other_coordinator", "facilitator", "participant", "content_editor"])
def test_nobody_else_opens_a_districts_health_or_impact(client, who, riverside, hillcrest_coordinator, world, fran):
    user = {
        "other_coordinator": hillcrest_coordinator,
        "facilitator": fran,  # facilitates the cohort the district's teachers are in, but is not the district's
        "participant": world["rita"],
        "content_editor": factories.content_editor(),
    }[who]
    client.force_login(user)
    for url in [*urls(riverside), *(u + "?format=xlsx" for u in urls(riverside)[1:])]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Rita Revises" not in response.content


def test_signed_out_visitors_are_sent_to_sign_in(client, riverside):
    for url in urls(riverside):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_coordinator_sees_their_people_only_in_the_cohorts_that_have_not_ended(
    client, coordinator, riverside, world
):
    client.force_login(coordinator)
    page = client.get(urls(riverside)[0]).content.decode()
    assert "Rita Revises" in page and "Revision waiting 7 days: Learning Targets" in page
    assert "1 of 1 person flagged" in page
    assert "Cohort 07" in page and "1 of your people registered" in page
    for leak in ("Holly Hill", "Mo Mover", "Olga Earlier", "Cohort 01"):
        assert leak not in page, leak
    assert f'href="/districts/{riverside.pk}/people/{world["rita"].pk}/"' in page
    assert "E-mail" not in page  # the facilitators nudge; the coordinator reads


def test_the_mover_is_seen_by_the_new_districts_coordinator(client, hillcrest_coordinator, hillcrest, world):
    client.force_login(hillcrest_coordinator)
    page = client.get(urls(hillcrest)[0]).content.decode()
    assert "Holly Hill" in page and "Mo Mover" in page and "No activity in" in page
    assert "Rita Revises" not in page and "2 of 2 people flagged" in page


def test_the_coordinator_opens_the_districts_impact_report_and_its_files(client, coordinator, riverside, world):
    client.force_login(coordinator)
    page = client.get(urls(riverside)[1]).content.decode()
    assert "Impact report: Riverside Unified" in page
    assert "Upload student outcome figures" not in page  # the office records them
    assert 'aria-label="District workspace"' in page
    xlsx = client.get(urls(riverside)[1] + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"].endswith('.xlsx"')
    pdf = client.get(urls(riverside)[1] + "?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_coordinator_of_no_cohort_running_is_told_so(client, coordinator, riverside):
    client.force_login(coordinator)
    page = client.get(urls(riverside)[0]).content.decode()
    assert "None of Riverside Unified's people is registered in a cohort that has not ended" in page


# The session (1), the user and their roles (1), the district through the workspace's gate (1), the
# district's registrations in cohorts that have not ended (1), the content's version for the cached outlines (1); then
# the health of every person in one pass (``people_health``: 11, with the course's evaluation) and the figures of
# each cohort's charts, of those people's work alone (``figures_of_cohorts``: 8), whatever the number of cohorts and
# people.
HEALTH_QUERIES = 24


def test_the_health_page_costs_the_same_for_one_cohort_or_several(
    client, coordinator, riverside, world, fran, django_assert_num_queries
):
    client.force_login(coordinator)
    url = urls(riverside)[0]
    client.get(url)  # the course's outline is cached by the first page that reads it
    with django_assert_num_queries(HEALTH_QUERIES):
        assert "Rita Revises" in client.get(url).content.decode()
    for n in range(3):
        cohort = running_cohort(f"Cohort 1{n}", fran)
        for m in range(2):
            person = factories.participant(
                email=f"t{n}{m}@riverside.example.org", full_name=f"Teacher {n}{m}", district=riverside
            )
            enrollment = registered(person, cohort, days_ago=20 if m else 2)  # joined two days ago: not idle yet
            if m:
                waiting_on_a_revision(enrollment, fran)
    client.get(url)
    with django_assert_num_queries(HEALTH_QUERIES):
        page = client.get(url).content.decode()
    assert all(f"Cohort 1{n}" in page for n in range(3)) and "4 of 7 people flagged" in page


IMPACT_QUERIES = 12


def test_the_impact_page_costs_the_same_for_one_cohort_or_several(
    client, coordinator, riverside, world, fran, django_assert_num_queries
):
    client.force_login(coordinator)
    url = urls(riverside)[1]
    client.get(url)
    with django_assert_num_queries(IMPACT_QUERIES):
        assert client.get(url).status_code == 200
    for n in range(3):
        cohort = running_cohort(f"Cohort 2{n}", fran)
        for m in range(3):
            person = factories.participant(
                email=f"i{n}{m}@riverside.example.org", full_name=f"Teacher {n}{m}", district=riverside
            )
            registered(person, cohort)
    client.get(url)
    with django_assert_num_queries(IMPACT_QUERIES):
        assert "Teacher" not in client.get(url).content.decode()  # figures, never names


def test_someone_in_two_cohorts_is_one_person_flagged_in_each(client, coordinator, riverside, fran):
    both = factories.participant(email="bo@riverside.example.org", full_name="Bo Both", district=riverside)
    for name in ("Cohort 31", "Cohort 32"):
        registered(both, running_cohort(name, fran), days_ago=15)
    client.force_login(coordinator)
    page = client.get(urls(riverside)[0]).content.decode()
    assert "1 of 1 person flagged" in page
    assert page.count("Bo Both") == 2 and "Cohort 31" in page and "Cohort 32" in page
