"""The program office sets each program's rules and reads the log of what went out, filtered."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cohorts.reminders.models import ReminderRules, ReminderSent
from tests import factories
from tests.factories import CohortFactory, lbg_course

pytestmark = pytest.mark.django_db

LOG = "/admin/snippets/reminders/remindersent/"
RULES = "/admin/snippets/reminders/reminderrules/"


def log_rows(count, cohort, kind="pacing"):
    for _ in range(count):
        person = factories.participant()
        ReminderSent.objects.create(
            recipient=person,
            kind=kind,
            object_key=f"x:{person.pk}",
            period="p",
            cohort=cohort,
            subject=f"To {person.email}",
        )


def test_the_log_filters_by_cohort_and_kind(client, program_admin):
    ours, theirs = CohortFactory(), CohortFactory()
    log_rows(2, ours, "pacing")
    log_rows(1, ours, "revision")
    log_rows(3, theirs, "pacing")
    client.force_login(program_admin)

    page = client.get(LOG, {"cohort": ours.pk, "kind": "pacing"}).text

    shown = [s.subject for s in ReminderSent.objects.all() if s.subject in page]
    assert sorted(shown) == sorted(
        ReminderSent.objects.filter(cohort=ours, kind="pacing").values_list("subject", flat=True)
    )


def test_the_log_page_costs_the_same_however_long_it_is(client, program_admin):
    cohort = CohortFactory()
    client.force_login(program_admin)
    client.get(LOG)  # the first request fills the caches (site, permissions)
    counts = []
    for rows in (2, 10):
        log_rows(rows, cohort)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LOG).status_code == 200
        counts.append(len(queries))
    assert counts == [LOG_QUERIES, LOG_QUERIES]


LOG_QUERIES = (
    12  # session, the user with their roles, permissions, the page of rows with recipient and cohort, the filters
)


def test_facilitators_and_participants_cannot_read_the_log_or_change_rules(client, facilitator, participant):
    for person in (facilitator, participant):
        client.force_login(person)
        assert client.get(LOG).status_code in (302, 403)
        assert client.get(RULES).status_code in (302, 403)


def test_no_one_edits_the_log(client, program_admin):
    log_rows(1, CohortFactory())
    client.force_login(program_admin)
    sent = ReminderSent.objects.get()
    assert client.get(f"{LOG}edit/{sent.pk}/").status_code in (302, 403)
    assert client.get(f"{LOG}delete/{sent.pk}/").status_code in (302, 403)


def test_an_admin_sets_a_programs_rules(client, program_admin):
    client.force_login(program_admin)
    course = lbg_course()
    response = client.post(
        f"{RULES}add/",
        {
            "program": course.pk,
            "purchase_order_warning_days": 5,
            "pacing_idle_days": 8,
            "revision_waiting_days": 3,
            "certificate_gap": 2,
            "digest_waiting_days": 2,
        },
    )
    assert response.status_code == 302, response.text[:2000]
    assert ReminderRules.objects.get(program=course).pacing_idle_days == 8

    response = client.post(f"{RULES}add/", {"program": course.pk, "pacing_idle_days": 0, "certificate_gap": 2})
    assert response.status_code == 200  # refused, with the form's errors
    assert ReminderRules.objects.count() == 1
