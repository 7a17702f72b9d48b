"""The workspace's pages and downloads: what the coordinator reads, at a fixed number of queries however
many people the district has."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from certificates.models import Certificate
from cohorts.registration.models import Approval
from tests import factories

pytestmark = pytest.mark.django_db


def teacher(district, n, cohort=None, *, name=None):
    """A district teacher registered in a cohort, with two hours credited and a certificate."""
    person = factories.participant(
        email=f"t{n}@riverside.example.org", full_name=name or f"Teacher {n:02d}", district=district
    )
    enrollment = factories.EnrollmentFactory(user=person, **({"cohort": cohort} if cohort else {}))
    factories.HoursEntryFactory(enrollment=enrollment, date=date(2026, 3, 2), hours_beyond_contract=Decimal("0.50"))
    Certificate.objects.create(
        enrollment=enrollment,
        full_name=person.full_name,
        course_title=enrollment.cohort.program.title,
        cohort_name=enrollment.cohort.name,
        hours=Decimal("30.0"),
        issued_at=timezone.now(),
        signatory_name="Owynn Lancaster",
        signatory_title="Chief Academic Officer",
    )
    now = timezone.now()
    Approval.objects.create(
        enrollment=enrollment,
        approver_email="boss@riverside.example.org",
        requested_at=now,
        due_at=now + timedelta(days=5),
    )
    return person


# Each list page's queries, the same for one person as for many: the session (1), the user with their roles
# (1), the district with its logo (1), the rows (1; registrations also read their progress through
# coursework's selector, 3).
PAGE_QUERIES = {"people": 4, "registrations": 7, "hours": 4, "certificates": 4, "invoices": 4}


@pytest.mark.parametrize("report", sorted(PAGE_QUERIES))
def test_each_list_costs_the_same_for_one_person_or_many(
    client, coordinator, riverside, report, django_assert_num_queries
):
    from modules.models import WorkshopSeriesPage

    client.force_login(coordinator)
    teacher(riverside, 1)
    url = f"/districts/{riverside.pk}/reports/{report}/"
    client.get(url)  # the programs' outlines are cached by the first page that reads them
    with django_assert_num_queries(PAGE_QUERIES[report]):
        assert "Teacher 01" in client.get(url).content.decode()
    series = factories.CohortFactory(program=WorkshopSeriesPage.objects.get())
    for n in range(2, 7):
        teacher(riverside, n, series if n % 2 else None)
    client.get(url)
    with django_assert_num_queries(PAGE_QUERIES[report]):
        page = client.get(url).content.decode()
    assert all(f"Teacher {n:02d}" in page for n in range(1, 7))


def test_the_person_page_costs_the_same_for_one_registration_or_many(
    client, coordinator, riverside, django_assert_num_queries
):
    client.force_login(coordinator)
    person = teacher(riverside, 1)
    url = f"/districts/{riverside.pk}/people/{person.pk}/"
    client.get(url)
    with django_assert_num_queries(PERSON_QUERIES):
        client.get(url)
    for _ in range(3):
        factories.EnrollmentFactory(user=person)
    client.get(url)
    with django_assert_num_queries(PERSON_QUERIES):
        page = client.get(url).content.decode()
    assert page.count("Waiting") == 1  # the first registration's approval; the others need none


# session, user, district with its logo, the person, their registrations (3), hours, certificates, invoices
PERSON_QUERIES = 11


def test_registrations_show_status_approval_and_progress(client, coordinator, riverside):
    person = teacher(riverside, 1, name="Ana Peña")
    client.force_login(coordinator)
    page = client.get(f"/districts/{riverside.pk}/reports/registrations/").content.decode()
    assert "Ana Peña" in page and "Registered" in page and "Waiting" in page
    assert "No: " in page  # nothing complete yet: still short of the requirement
    assert f'href="/districts/{riverside.pk}/people/{person.pk}/"' in page
    hours = client.get(f"/districts/{riverside.pk}/reports/hours/").content.decode()
    assert "2.00" in hours and "0.50" in hours
    invoices = client.get(f"/districts/{riverside.pk}/reports/invoices/").content.decode()
    assert "Marked paid by the office" in invoices and "450.00" in invoices


def test_the_csv_is_excels_and_guards_against_formulas(client, coordinator, riverside):
    teacher(riverside, 1, name='=HYPERLINK("http://evil.test")')
    client.force_login(coordinator)
    response = client.get(f"/districts/{riverside.pk}/reports/people/?format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="riverside-unified-people.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert lines[0] == ["Report", "People"] and lines[1] == ["District", "Riverside Unified"]
    assert lines[3] == ["Name", "Email", "School", "Registrations", "PD hours", "Certificates"]
    assert lines[4] == [
        '\'=HYPERLINK("http://evil.test")',
        "t1@riverside.example.org",
        "Lincoln Middle School",
        "1",
        "2.00",
        "1",
    ]


def test_the_xlsx_types_names_as_text_and_hours_as_numbers(client, coordinator, riverside):
    teacher(riverside, 1, name="=1+1")
    client.force_login(coordinator)
    response = client.get(f"/districts/{riverside.pk}/reports/hours/?format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header_at = rows.index(["Name", "Email", "Program", "Cohort", "PD hours", "Hours beyond contract"])
    first = list(sheet.iter_rows())[header_at + 1]
    assert first[0].value == "=1+1" and first[0].data_type == "s"
    assert first[4].value == 2.0 and first[5].value == 0.5


def test_a_required_track_shows_who_has_not_registered(client, coordinator, riverside, django_assert_num_queries):
    from modules.models import CoursePage

    registered = teacher(riverside, 1)
    factories.participant(email="t2@riverside.example.org", full_name="Teacher 02", district=riverside)
    client.force_login(coordinator)
    response = client.post(
        f"/districts/{riverside.pk}/tracks/",
        {
            "title": "New teachers",
            "program": CoursePage.objects.get().pk,
            "addresses": f"{registered.email}, T2@riverside.example.org\nnew@riverside.example.org",
        },
    )
    assert response.status_code == 302
    client.get(response["Location"])
    with django_assert_num_queries(TRACK_QUERIES):
        page = client.get(response["Location"]).content.decode()
    assert "2 of 3 people have not registered" in page
    assert page.index("new@riverside.example.org") < page.index(registered.email)
    assert "No account yet" in page and "Cohort" in page

    refused = client.post(
        f"/districts/{riverside.pk}/tracks/",
        {"title": "Outsiders", "program": CoursePage.objects.get().pk, "addresses": "x@hillcrest.example.org"},
    )
    assert "Not at Riverside Unified" in refused.content.decode()


TRACK_QUERIES = 7  # session, user, district with its logo, track, its addresses, the people named, their registrations


def test_a_track_by_school_names_the_districts_people_there(client, coordinator, riverside):
    from modules.models import CoursePage

    factories.participant(email="a@riverside.example.org", full_name="At Lincoln", district=riverside)
    factories.participant(
        email="b@riverside.example.org", full_name="At Roosevelt", school="Roosevelt", district=riverside
    )
    factories.participant(email="c@example.org", full_name="Lincoln Elsewhere", district="Hillcrest Schools")
    client.force_login(coordinator)
    response = client.post(
        f"/districts/{riverside.pk}/tracks/",
        {"title": "Lincoln staff", "program": CoursePage.objects.get().pk, "school": "lincoln middle school"},
    )
    page = client.get(response["Location"]).content.decode()
    assert "At Lincoln" in page and "At Roosevelt" not in page and "Lincoln Elsewhere" not in page


def test_the_districts_pages_carry_its_name_and_logo(client, coordinator, riverside, django_assert_num_queries):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from cohorts.districts.models import DistrictBrand

    logo = get_image_model().objects.create(title="Riverside crest", file=get_test_image_file())
    DistrictBrand.objects.create(district=riverside, logo=logo, logo_alt="Riverside Unified School District")
    client.force_login(coordinator)
    url = f"/districts/{riverside.pk}/reports/people/"
    client.get(url)  # the logo's rendition is made once
    with django_assert_num_queries(PAGE_QUERIES["people"]):  # the rendition comes from the cache
        page = client.get(url).content.decode()
    assert 'alt="Riverside Unified School District"' in page and "Riverside Unified" in page
    for elsewhere in (f"/cohorts/districts/{riverside.pk}/health/", f"/impact/districts/{riverside.pk}/"):
        assert 'alt="Riverside Unified School District"' in client.get(elsewhere).content.decode(), elsewhere
