"""The admin's list of people (Settings > Users) downloads as CSV and XLSX: a row per person with
what the program office needs, under headings in words."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from pd_platform.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db
HEADINGS = ["Name", "E-mail", "Roles", "District", "School or site", "Job title", "Active", "Date joined", "Last login"]


@pytest.fixture
def people():
    ada = factories.participant(
        full_name="Ada Peña", email="ada@example.org", district="Riverside Unified", school="Lincoln Middle"
    )
    User.objects.filter(pk=ada.pk).update(
        date_joined=datetime(2030, 1, 14, 17, 30, tzinfo=UTC), last_login=datetime(2030, 2, 1, 16, 5, tzinfo=UTC)
    )
    grace = factories.facilitator(full_name="Grace Hopper", email="grace@example.org", is_active=False)
    grace.groups.add(*factories.participant().groups.all())  # a facilitator who also takes a course
    return ada, grace


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_the_users_csv_has_a_row_per_person_with_their_name_and_address(client, program_admin, people):
    client.force_login(program_admin)
    response = client.get("/admin/users/", {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv") and 'filename="users.csv"' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == HEADINGS
    assert len(rows) == User.objects.count()
    by_address = {row[1]: row for row in rows}
    assert by_address["ada@example.org"] == [
        "Ada Peña",
        "ada@example.org",
        "Participant",
        "Riverside Unified",
        "Lincoln Middle",
        "Teacher leader",
        "Yes",
        "2030-01-14 09:30",  # the program office's time (America/Los_Angeles)
        "2030-02-01 08:05",
    ]
    grace = by_address["grace@example.org"]
    assert grace[0] == "Grace Hopper" and grace[2] == "Participant, Facilitator" and grace[6] == "No"
    assert grace[8] == ""  # never signed in
    assert by_address[program_admin.email][2] == "Admin"


def test_the_users_xlsx_has_the_same_columns(client, program_admin, people):
    client.force_login(program_admin)
    response = client.get("/admin/users/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADINGS
    ada = next(row for row in rows if row[1] == "ada@example.org")
    assert ada[:3] == ["Ada Peña", "ada@example.org", "Participant"]
    assert ada[7] == datetime(2030, 1, 14, 9, 30)


def test_the_listing_offers_the_downloads_and_follows_its_search(client, program_admin, people):
    client.force_login(program_admin)
    listing = client.get("/admin/users/").content.decode()
    assert "Download CSV" in listing and "Download XLSX" in listing
    assert "ada@example.org" in client.get("/admin/users/", {"q": "Peña"}).content.decode()  # found by name
    _, *rows = csv_rows(client.get("/admin/users/", {"export": "csv", "q": "Peña"}))
    assert [row[1] for row in rows] == ["ada@example.org"]


def test_only_admins_download_the_list(client, facilitator, people):
    client.force_login(facilitator)
    assert client.get("/admin/users/", {"export": "csv"}).status_code in (302, 403)


def test_the_download_takes_the_same_queries_however_many_people(client, program_admin):
    client.force_login(program_admin)
    client.get("/admin/")  # the session's first request also refreshes the session
    counts = []
    for people in (3, 15):
        while User.objects.count() < people:
            factories.participant()
        with CaptureQueriesContext(connection) as queries:
            rows = csv_rows(client.get("/admin/users/", {"export": "csv"}))
        assert len(rows) == people + 1
        counts.append(len(queries))
    assert counts[0] == counts[1]
