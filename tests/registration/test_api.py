import json
from datetime import date, datetime, timedelta

import pytest

from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_api_lists_open_cohorts_with_deadlines_as_iso_8601_with_offset(client):
    cohort = CohortFactory(name="Cohort 03", start_date=date(2030, 3, 4), end_date=date(2030, 4, 26), capacity=10)
    EnrollmentFactory(cohort=cohort)
    CohortFactory(name="Started", start_date=date.today() - timedelta(days=2))
    CohortFactory(name="Closed by office", registration="closed")

    response = client.get("/api/cohorts/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)["cohorts"]
    assert [c["name"] for c in data] == ["Cohort 03"]
    item = data[0]
    assert item == {
        "id": cohort.pk,
        "course_title": "Learning-Based Grading",
        "name": "Cohort 03",
        "start": "2030-03-04",
        "end": "2030-04-26",
        "time_zone": "America/Los_Angeles",
        "seats_left": 9,
        "online_registration_closes": "2030-03-04T00:00:00-08:00",
        "purchase_order_closes": "2030-02-27T00:00:00-08:00",
        "access_opens": "2030-02-28T00:00:00-08:00",
    }
    assert datetime.fromisoformat(item["access_opens"]).utcoffset() is not None


def test_api_is_read_only(client):
    assert client.post("/api/cohorts/").status_code == 405


def test_api_query_count_does_not_grow_with_cohorts(client, django_assert_num_queries):
    client.get("/api/cohorts/")  # a running site: which site answers is remembered after the first request
    for total in (5, 15):
        while len(EnrollmentFactory._meta.model.objects.values("cohort").distinct()) < total:
            EnrollmentFactory(cohort=CohortFactory())
        with django_assert_num_queries(3):
            assert len(client.get("/api/cohorts/").json()["cohorts"]) == total
