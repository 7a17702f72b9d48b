"""The program office works with cohorts and purchase orders in the Wagtail admin."""

from datetime import date

import pytest

from cohorts.registration.models import Cohort, Enrollment
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory, lbg_course
from tests.pdf import is_tagged

pytestmark = pytest.mark.django_db


def test_admin_creates_a_cohort_in_the_wagtail_admin(client, program_admin):
    client.force_login(program_admin)
    assert client.get("/admin/snippets/cohorts/cohort/add/").status_code == 200
    response = client.post(
        "/admin/snippets/cohorts/cohort/add/",
        {
            "program": lbg_course().pk,
            "name": "Cohort 04",
            "start_date": "2030-01-07",
            "end_date": "2030-03-01",
            "capacity": "25",
            "fee": "450.00",
            "time_zone": "America/Los_Angeles",
            "registration": "auto",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Cohort.objects.get(name="Cohort 04").capacity == 25


def test_admin_is_told_when_a_cohort_ends_before_it_starts(client, program_admin):
    client.force_login(program_admin)
    response = client.post(
        "/admin/snippets/cohorts/cohort/add/",
        {
            "program": lbg_course().pk,
            "name": "Cohort 04",
            "start_date": "2030-03-07",
            "end_date": "2030-03-01",
            "capacity": "25",
            "fee": "0",
            "time_zone": "Mars/Olympus",
            "registration": "auto",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "must end on or after its start date" in html
    assert "is not a time zone name" in html
    assert not Cohort.objects.filter(name="Cohort 04").exists()


def test_admin_marks_a_purchase_order_paid_and_a_receipt_goes_out(
    client, program_admin, mailoutbox, django_capture_on_commit_callbacks
):
    enrollment = EnrollmentFactory(payment_method="purchase_order", purchase_order_number="PO-55", paid_at=None)
    client.force_login(program_admin)
    html = client.get("/admin/purchase-orders/").content.decode()
    assert "PO-55" in html and "Mark paid" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/purchase-orders/{enrollment.pk}/paid/")
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.is_paid
    receipt = next(m for m in mailoutbox if "Receipt" in m.subject and m.to == [enrollment.user.email])
    (name, pdf, kind), *_ = receipt.attachments
    assert kind == "application/pdf" and is_tagged(pdf)
    # Twice is harmless.
    client.post(f"/admin/purchase-orders/{enrollment.pk}/paid/")
    assert enrollment.payments.count() == 1


def test_participants_and_facilitators_cannot_mark_anything_paid(client):
    enrollment = EnrollmentFactory(payment_method="purchase_order", purchase_order_number="PO-56", paid_at=None)
    for person in (factories.participant(), factories.facilitator()):
        client.force_login(person)
        assert client.post(f"/admin/purchase-orders/{enrollment.pk}/paid/").status_code in (302, 403)
        assert client.get("/admin/purchase-orders/").status_code in (302, 403)
    assert not Enrollment.objects.get(pk=enrollment.pk).is_paid


def test_admin_adds_a_closed_day_that_moves_deadlines(client, program_admin):
    from cohorts.registration.selectors import listing_for

    cohort = CohortFactory(start_date=date(2030, 3, 4))
    assert listing_for(cohort).deadlines.purchase_order_closes.date() == date(2030, 2, 27)
    client.force_login(program_admin)
    response = client.post("/admin/snippets/cohorts/closedday/add/", {"date": "2030-02-28", "reason": "Staff day"})
    assert response.status_code == 302
    assert listing_for(cohort).deadlines.purchase_order_closes.date() == date(2030, 2, 26)
