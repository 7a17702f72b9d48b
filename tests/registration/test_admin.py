"""The program office works with cohorts and purchase orders in the Wagtail admin."""

import re
from datetime import date
from decimal import Decimal

import pytest

from cohorts.registration.models import Cohort, Enrollment
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory, lbg_course
from tests.pdf import is_tagged
from tests.pdfua import assert_pdf_ua

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
    assert_pdf_ua(pdf)
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


def cohort_form_data(**changes):
    return {
        "program": lbg_course().pk,
        "name": "Cohort 09",
        "start_date": "2030-01-07",
        "end_date": "2030-03-01",
        "capacity": "25",
        "fee": "",
        "time_zone": "America/Chicago",
        "registration": "auto",
        **changes,
    }


def test_the_cohort_form_offers_only_facilitators_as_facilitators(client, program_admin):
    coach = factories.facilitator(full_name="Fran Facilitates", email="fran@example.org")
    factories.participant(full_name="Pat Participates", email="pat@example.org")
    client.force_login(program_admin)
    other = factories.facilitator(full_name="Zoe Zed")
    form = client.get("/admin/snippets/cohorts/cohort/add/").content.decode()
    offered = {int(pk) for pk in re.findall(r'name="facilitators" value="(\d+)"', form)}
    assert offered == {coach.pk, other.pk}  # not the participant, not the admin
    assert "Fran Facilitates (fran@example.org)" in form
    assert 'data-filter-choices="Find a facilitator by name or e-mail"' in form and "filter-choices.js" in form
    response = client.post("/admin/snippets/cohorts/cohort/add/", cohort_form_data(fee="100", facilitators=[coach.pk]))
    assert response.status_code == 302
    assert list(Cohort.objects.get(name="Cohort 09").facilitators.all()) == [coach]


def test_a_cohort_without_a_fee_charges_what_the_programs_latest_cohort_does(client, program_admin):
    CohortFactory(fee="300.00", start_date=date(2029, 1, 8))
    CohortFactory(fee="375.00", start_date=date(2029, 9, 3))
    CohortFactory(fee="0", start_date=date(2029, 11, 2), private=True)  # a site cohort sets no price
    client.force_login(program_admin)
    form = client.get("/admin/snippets/cohorts/cohort/add/").content.decode()
    assert 'name="fee"' in form and 'name="fee" value="0' not in form
    assert f"{lbg_course().title}, $375.00" in form
    assert client.post("/admin/snippets/cohorts/cohort/add/", cohort_form_data()).status_code == 302
    assert Cohort.objects.get(name="Cohort 09").fee == Decimal("375.00")


def test_a_first_cohort_of_a_program_asks_for_its_fee(client, program_admin):
    client.force_login(program_admin)
    response = client.post("/admin/snippets/cohorts/cohort/add/", cohort_form_data())
    assert "Give the fee: this program has no cohort yet to take it from." in response.content.decode()
    assert not Cohort.objects.filter(name="Cohort 09").exists()


def test_the_time_zone_is_chosen_from_a_list_with_the_us_zones_first(client, program_admin):
    client.force_login(program_admin)
    form = client.get("/admin/snippets/cohorts/cohort/add/").content.decode()
    select = form[form.index('<select name="time_zone"') :]
    select = select[: select.index("</select>")]
    assert select.index("Eastern time (New York)") < select.index("Pacific time (Los Angeles)")
    assert select.index("Pacific time (Los Angeles)") < select.index("Africa/Abidjan") < select.index("Europe/Paris")
