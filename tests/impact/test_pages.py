"""The impact report as the office and facilitators open it: who may open which, what each level
shows, the same number of queries however much data, and its XLSX and tagged PDF."""

import io
import re
from html import unescape

import pytest
from openpyxl import load_workbook

from cohorts.impact import selectors
from tests import factories
from tests.pdf import is_tagged, pdf_text
from tests.pdfua import assert_pdf_ua

from .world import build

pytestmark = pytest.mark.django_db

# The same for 2 or 14 people: the session, the user and their roles, the scope's object, the eight
# reads of the report's rows.
COHORT_PAGE_QUERIES = 12
PROGRAM_PAGE_QUERIES = 12
DISTRICT_PAGE_QUERIES = 12


def headings(html):
    return [
        (int(level), unescape(re.sub(r"<[^>]+>", "", text).strip()))
        for level, text in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, re.S)
    ]


@pytest.fixture
def world(db):
    return build(5)


def test_the_office_reads_a_cohorts_five_levels_with_their_standards(client, world):
    client.force_login(world["office"])
    cohort = world["cohorts"][0]
    html = client.get(f"/impact/cohorts/{cohort.pk}/").text
    assert headings(html)[0] == (1, "Impact report: Learning-Based Grading, Cohort 21")
    assert [text for level, text in headings(html) if level == 2] == [
        "Level 1: Participants' reactions",
        "Level 2: Participants' learning",
        "Level 3: Organisational support",
        "Level 4: Use of new knowledge and skills",
        "Level 5: Student learning outcomes",
    ]
    assert "Learning Forward standards: Implementation, Culture of Collaborative Inquiry" in html
    assert "People behind it" in html and "Fewer than 5 people: not shown" in html
    levels = selectors.impact_report(selectors.cohort_scope(cohort))
    answered = levels[0].figures[0]
    assert f"<td>{answered.value}" in html and answered.people >= 5


def test_the_office_opens_programs_and_districts_from_the_index(client, world):
    client.force_login(world["office"])
    index = client.get("/impact/").text
    riverside = world["districts"][0]
    program = world["cohorts"][0].program
    assert f'href="/impact/districts/{riverside.pk}/"' in index and f'href="/impact/programs/{program.pk}/"' in index
    assert client.get(f"/impact/districts/{riverside.pk}/").status_code == 200
    assert "Impact report: Learning-Based Grading" in client.get(f"/impact/programs/{program.pk}/").text


def test_a_facilitator_opens_their_own_cohorts_only(client, world):
    mine, other, _ = world["cohorts"]
    client.force_login(world["leader"])
    index = client.get("/impact/").text
    assert f"/impact/cohorts/{mine.pk}/" in index and f"/impact/cohorts/{other.pk}/" not in index
    assert "/impact/districts/" not in index and "/impact/programs/" not in index
    assert client.get(f"/impact/cohorts/{mine.pk}/").status_code == 200
    for refused in (
        f"/impact/cohorts/{other.pk}/",
        f"/impact/cohorts/{other.pk}/?format=pdf",
        f"/impact/programs/{mine.program_id}/",
        f"/impact/districts/{world['districts'][0].pk}/",
        f"/impact/districts/{world['districts'][0].pk}/?format=xlsx",
        f"/impact/districts/{world['districts'][0].pk}/outcomes/",
    ):
        assert client.get(refused).status_code == 404, refused


def test_participants_and_strangers_are_refused(client, world):
    cohort = world["cohorts"][0]
    person = cohort.enrollments.first().user
    client.force_login(person)
    assert client.get("/impact/").status_code == 404
    assert client.get(f"/impact/cohorts/{cohort.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/impact/cohorts/{cohort.pk}/").status_code == 302


def test_every_page_costs_the_same_however_many_people(client, django_assert_num_queries):
    office = factories.program_admin()
    for seed, people in ((6, (2, 1, 1)), (7, (14, 9, 6))):
        world = build(seed, people, office=office, leader=factories.facilitator(), first_number=seed * 10)
        client.force_login(office)
        cohort = world["cohorts"][0]
        for url, queries in (
            (f"/impact/cohorts/{cohort.pk}/", COHORT_PAGE_QUERIES),
            (f"/impact/programs/{cohort.program_id}/", PROGRAM_PAGE_QUERIES),
            (f"/impact/districts/{world['districts'][0].pk}/", DISTRICT_PAGE_QUERIES),
        ):
            client.get(url)  # the first visit fills the caches every page shares
            with django_assert_num_queries(queries):
                assert client.get(url).status_code == 200


def test_the_xlsx_holds_every_figure_with_its_people(client, world):
    client.force_login(world["office"])
    district = world["districts"][0]
    response = client.get(f"/impact/districts/{district.pk}/?format=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="impact-district-riverside-unified.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Impact report", "Riverside Unified")
    header = rows.index(("Level", "Learning Forward standards", "Figure", "Result", "People behind it", "Source"))
    table = rows[header + 1 :]
    for level in selectors.impact_for_district(district):
        for figure in level.figures:
            [row] = [row for row in table if row[2] == figure.label]
            assert row[0] == f"{level.number}. {level.title}" and row[4] == figure.people
            assert row[3] == (figure.value if not figure.withheld else "Fewer than 5 people: not shown")


def test_the_pdf_is_tagged_and_carries_the_levels(client, world):
    client.force_login(world["office"])
    cohort = world["cohorts"][0]
    response = client.get(f"/impact/cohorts/{cohort.pk}/?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Impact report: Learning-Based Grading, Cohort 21" in text
    text = " ".join(text.split())
    assert "Level 5: Student learning outcomes" in text and "Fewer than 5 people: not shown" in text
    assert is_tagged(response.content)
    assert_pdf_ua(response.content)
