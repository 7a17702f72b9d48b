"""The Wagtail admin's home is the program office's to-do: purchase orders to process, cohorts
about to start with seats left, certificates to sign or re-issue, the oldest waiting review."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate
from cohorts.coursework.models import Submission
from modules.models import Activity
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def admin_home(client, person):
    client.force_login(person)
    response = client.get("/admin/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def next_monday(days_ahead):
    day = date.today() + timedelta(days=days_ahead)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def world(index=0):
    soon = CohortFactory(start_date=next_monday(3), name=f"Cohort S{index}", capacity=10)
    EnrollmentFactory(cohort=soon)
    CohortFactory(start_date=next_monday(40), name=f"Cohort L{index}")  # too far off
    full = CohortFactory(start_date=next_monday(3), name=f"Cohort F{index}", capacity=1)
    EnrollmentFactory(cohort=full)
    po = EnrollmentFactory(
        cohort=soon, payment_method="purchase_order", purchase_order_number=f"PO-{index}", paid_at=None
    )
    EnrollmentFactory(cohort=soon, payment_method="purchase_order", purchase_order_number="PO-PAID")
    running = CohortFactory(start_date=date.today() - timedelta(days=10))
    enrollment = EnrollmentFactory(cohort=running)
    Submission.objects.create(
        enrollment=enrollment,
        activity=Activity.objects.get(key="lbg-m01-big-concepts"),
        status="submitted",
        submitted_at=timezone.now() - timedelta(days=4 + index, hours=1),
    )
    return soon, full, po, enrollment


def certificate(enrollment, printed_name, sha256):
    """A certificate as issued: signed when it has a digest."""
    return Certificate.objects.create(
        enrollment=enrollment,
        full_name=printed_name,
        course_title="LBG",
        cohort_name="C",
        hours=30,
        issued_at=timezone.now(),
        signatory_name="S",
        signatory_title="T",
        sha256=sha256,
    )


def test_the_office_sees_its_work(client, program_admin):
    soon, full, po, enrollment = world()
    unsigned = certificate(enrollment, enrollment.user.full_name, sha256="")
    html = admin_home(client, program_admin)
    assert "Purchase orders to process" in html
    assert f"{po.user.full_name}, {soon.name}</a> — PO PO-0, not yet paid" in html
    assert "PO-PAID" not in html
    assert "Cohorts starting in the next 10 business days with seats left" in html
    # 10 seats, less three registered (two by purchase order)
    assert f"{soon.name}</a> — starts" in html and "7 seats left" in html
    assert "Cohort L0" not in html and "Cohort F0" not in html
    assert f"{unsigned.full_name}, C</a> — not yet signed" in html
    assert "Oldest item in any review queue" in html
    assert f"Big Concepts by {enrollment.user.full_name}" in html and "waiting 4 days" in html


def test_a_name_changed_since_printing_asks_for_a_re_issue(client, program_admin):
    _, _, _, enrollment = world()
    certificate(enrollment, "Old Name", sha256="a" * 64)
    html = admin_home(client, program_admin)
    assert f"Old Name, C</a> — name is now {enrollment.user.full_name}: re-issue" in html


def test_with_nothing_to_do_each_panel_says_so(client, program_admin):
    html = admin_home(client, program_admin)
    for said in (
        "No purchase order is waiting.",
        "No cohort with seats left starts in the next 10 business days.",
        "Every certificate is signed and up to date.",
        "Nothing is waiting for review.",
    ):
        assert said in html


def test_the_admin_home_is_for_the_program_office_only(client, facilitator, participant):
    for person in (facilitator, participant):
        client.force_login(person)
        response = client.get("/admin/")
        assert response.status_code in (302, 403)
        assert "Purchase orders to process" not in response.content.decode()


def test_the_panels_cost_the_same_however_much_work_there_is(client, program_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(program_admin)
    client.get("/admin/")
    counts = []
    for index in range(3):
        world(index)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/").status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts
