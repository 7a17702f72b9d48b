"""The program office's dashboard: everything waiting for the office, counted and linked, in one place."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate, SiteCohortRequest
from cohorts.coursework.models import Submission
from cohorts.coursework.selectors import program_activities
from cohorts.registration.models import Approval, Payment
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def waiting_work(each):
    """``each`` of every kind of work waiting for the office."""
    now = timezone.now()
    soon = CohortFactory(start_date=date.today() + timedelta(days=3), capacity=50)
    activity = program_activities(soon.program_id)[0]
    for n in range(each):
        EnrollmentFactory(cohort=soon, payment_method="purchase_order", purchase_order_number=f"PO-{n}", paid_at=None)
        cancelled = EnrollmentFactory(cohort=soon, status="cancelled", cancelled_at=now)
        Payment.objects.create(
            enrollment=cancelled, provider="stripe", reference=f"r{n}", amount=450, status="paid", paid_at=now
        )
        awaiting = EnrollmentFactory(cohort=soon, status="awaiting", paid_at=None)
        Approval.objects.create(
            enrollment=awaiting, approver_email=f"boss{n}@example.org", requested_at=now, due_at=now + timedelta(days=5)
        )
        graduate = EnrollmentFactory(cohort=soon)
        certificate = Certificate.objects.create(
            enrollment=graduate,
            full_name=graduate.user.full_name,
            course_title="Learning-Based Grading",
            cohort_name=soon.name,
            hours=30,
            issued_at=now,
            signatory_name="Dana Director",
            signatory_title="Director",
        )
        SiteCohortRequest.objects.create(
            trainer=graduate.user,
            certificate=certificate,
            site=f"School {n}",
            first_date=date.today() + timedelta(days=40),
            expected_size=12,
        )
        Submission.objects.create(enrollment=graduate, activity=activity, status="submitted", submitted_at=now)


@pytest.mark.parametrize("each", [1, 3])
def test_the_office_dashboard_shows_every_kind_of_waiting_work_in_a_fixed_number_of_queries(
    client, program_admin, django_assert_num_queries, each
):
    waiting_work(each)
    client.force_login(program_admin)
    client.get("/dashboard/")
    with django_assert_num_queries(QUERIES_OFFICE_DASHBOARD):
        html = client.get("/dashboard/").content.decode()
    office = html[html.index('id="admin-heading"') :]
    for heading in (
        "Purchase orders to process",
        "Refunds owed for cancelled registrations",
        "Registrations waiting for a district&#x27;s approval",
        "Site cohort requests to decide",
        "Certificates to sign or re-issue",
        "Oldest item in any review queue",
        "Cohorts starting in the next 10 business days with seats left",
    ):
        assert re.search(rf">{re.escape(heading)} <span class=\"count\">\(\d+\)</span>", office), heading
    assert f'Purchase orders to process <span class="count">({each})</span>' in office
    assert f'Site cohort requests to decide <span class="count">({each})</span>' in office
    for link in ("/admin/purchase-orders/", "/admin/refunds/", "/certificates/site-cohorts/", "/admin/certificates/"):
        assert f'href="{link}"' in office
    assert "School 0" in office


# 20, 1 for the feedback turnaround of every facilitator and cohort (whether they hold an invitation comes with the user)
QUERIES_OFFICE_DASHBOARD = 21


def test_only_the_office_sees_the_office_work(client):
    waiting_work(1)
    for person in (factories.participant(), factories.facilitator()):
        client.force_login(person)
        html = client.get("/dashboard/").content.decode()
        assert "Purchase orders to process" not in html and "School 0" not in html
