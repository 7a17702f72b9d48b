"""Registering for a cohort: seats, waitlist, deadlines enforced by the server, payment."""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cohorts.registration import documents, services
from cohorts.registration.models import Enrollment, Payment
from cohorts.registration.selectors import listing_for
from modules.models import ProgramContactSettings
from pd_platform.models import SentEmail
from tests.factories import CohortFactory, EnrollmentFactory, facilitator, participant, place_in_district
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def register_url(cohort):
    return f"/cohorts/register/{cohort.program_id}/"


def post_registration(client, cohort, **extra):
    data = {"cohort": str(cohort.pk), "payment_method": "online", **extra}
    return client.post(register_url(cohort), data)


def test_registration_page_offers_only_open_cohorts_with_their_deadlines(client, participant):
    open_one = CohortFactory(name="Cohort 07")
    CohortFactory(name="Cohort 05", start_date=date.today() - timedelta(days=3))  # started
    CohortFactory(name="Cohort 06", registration="closed")
    client.force_login(participant)
    html = client.get(register_url(open_one)).content.decode()
    options = re.findall(r'<option value="(\d+)"', html)
    assert options == [str(open_one.pk)]
    assert "Cohort 05" not in html and "Cohort 06" not in html
    listing = listing_for(open_one)
    weekday = listing.deadlines.purchase_order_closes.astimezone(ZoneInfo("America/Los_Angeles")).strftime("%A")
    assert weekday in html  # deadlines are shown with the weekday, in the cohort's time zone


def test_a_purchase_order_deadline_already_past_says_it_is_closed(client, participant):
    soon = CohortFactory(name="Cohort 08", start_date=date.today() + timedelta(days=1))  # online only by now
    later = CohortFactory(name="Cohort 09", start_date=date.today() + timedelta(days=60))
    client.force_login(participant)
    html = client.get(register_url(soon)).content.decode()
    closes = listing_for(soon).deadlines.purchase_order_closes.astimezone(ZoneInfo("America/Los_Angeles"))
    assert f"Closed since {closes:%A, %B} {closes.day}, {closes.year}, 12:00 AM" in html
    assert html.count("Closed since") == 1 and html.count(": online payment only</dd>") == 1
    assert listing_for(later).deadlines.purchase_order_closes > timezone.now()


def test_online_registration_goes_through_checkout_and_emails_a_receipt(
    client, participant, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(client, cohort)
    assert response.status_code == 302 and "/cohorts/checkout/test/" in response["Location"]
    enrollment = Enrollment.objects.get(user=participant)
    assert enrollment.status == "registered" and not enrollment.is_paid

    checkout = client.get(response["Location"])
    assert "$450.00" in checkout.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', checkout.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(response["Location"], {"token": token, "pay": ""})
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.is_paid
    assert Payment.objects.get(enrollment=enrollment).status == "paid"

    subjects = [m.subject for m in mailoutbox]
    assert any("Registration confirmed" in s for s in subjects)
    receipt = next(m for m in mailoutbox if "Receipt" in m.subject)
    name, content, mimetype = receipt.attachments[0]
    assert mimetype == "application/pdf"
    text = pdf_text(content)
    assert "450.00" in text and participant.full_name in text and cohort.name in text

    # The same receipt, again, from My courses.
    assert f"/cohorts/enrollments/{enrollment.pk}/receipt.pdf" in client.get("/cohorts/my-courses/").content.decode()
    download = client.get(f"/cohorts/enrollments/{enrollment.pk}/receipt.pdf")
    assert download["Content-Type"] == "application/pdf" and name in download["Content-Disposition"]
    assert "450.00" in pdf_text(download.content)


def test_a_forged_checkout_confirmation_marks_nothing_paid(client, participant):
    cohort = CohortFactory()
    client.force_login(participant)
    checkout_url = post_registration(client, cohort)["Location"]
    client.post(checkout_url, {"token": "forged", "pay": ""})
    enrollment = Enrollment.objects.get(user=participant)
    assert not enrollment.is_paid
    assert Payment.objects.get(enrollment=enrollment).status == "failed"


def test_someone_elses_checkout_page_is_refused(client, participant):
    cohort = CohortFactory()
    client.force_login(participant)
    checkout_url = post_registration(client, cohort)["Location"]
    client.force_login(factories_participant())
    assert client.get(checkout_url).status_code == 404


def factories_participant():
    return participant()


def test_purchase_order_registration_emails_an_invoice_pdf(
    client, participant, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(
            client,
            cohort,
            payment_method="purchase_order",
            purchase_order_number="PO-7781",
            billing_contact_name="Dana Billing",
            billing_contact_email="billing@district.example.org",
        )
    assert response.status_code == 302 and response["Location"] == "/cohorts/my-courses/"
    enrollment = Enrollment.objects.get(user=participant)
    assert enrollment.status == "registered" and enrollment.purchase_order_number == "PO-7781"
    invoice = next(m for m in mailoutbox if "Invoice" in m.subject)
    text = pdf_text(invoice.attachments[0][1])
    assert "PO-7781" in text and "Dana Billing" in text and "450.00" in text
    # It goes to the billing contact, copying the teacher, and My courses says so.
    assert invoice.to == ["billing@district.example.org"] and invoice.cc == [participant.email]
    assert invoice.body.startswith("Hello Dana Billing,")
    assert [m for m in mailoutbox if "Invoice" in m.subject] == [invoice]
    page = client.get("/cohorts/my-courses/").content.decode()
    assert "The invoice goes by e-mail to your billing contact, Dana Billing (billing@district.example.org)" in page


def test_purchase_order_fields_say_when_they_are_needed(client, participant):
    cohort = CohortFactory()
    client.force_login(participant)
    html = client.get(register_url(cohort)).content.decode()
    for label in ("Purchase order number", "Billing contact name", "Billing contact email"):
        assert re.search(rf"{label} <span class=\"optional\">\(needed for a purchase order\)</span>", html), label
    assert "(optional)" not in html


def test_a_free_cohort_asks_nothing_about_paying(client, participant, mailoutbox, django_capture_on_commit_callbacks):
    cohort = CohortFactory(fee=Decimal("0"))
    client.force_login(participant)
    html = client.get(register_url(cohort)).content.decode()
    assert "How will you pay?" not in html and "Purchase order number" not in html
    assert "There is no fee: nothing to pay." in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(cohort), {"cohort": str(cohort.pk)})
    assert response.status_code == 302 and response["Location"] == "/cohorts/my-courses/"
    enrollment = Enrollment.objects.get(user=participant)
    assert enrollment.status == "registered" and enrollment.is_paid
    assert not [m for m in mailoutbox if "Invoice" in m.subject or "Receipt" in m.subject]


def test_beside_a_paid_cohort_a_free_one_needs_no_payment_choice(client, participant):
    paid = CohortFactory(name="Cohort 08")
    free = CohortFactory(name="Site cohort", program=paid.program, fee=Decimal("0"))
    client.force_login(participant)
    html = client.get(register_url(paid)).content.decode()
    assert "Site cohort: free, nothing to pay." in html
    assert client.post(register_url(paid), {"cohort": str(paid.pk)}).status_code == 200  # asked how to pay
    assert not Enrollment.objects.filter(user=participant).exists()
    response = client.post(register_url(paid), {"cohort": str(free.pk)})
    assert response.status_code == 302
    assert Enrollment.objects.get(user=participant).cohort == free


def test_invoices_and_receipts_carry_the_organisations_address_tax_id_and_how_to_pay(participant):
    place_in_district(participant, "Riverside Unified")
    contact = ProgramContactSettings.load()
    contact.postal_address = "College Bridge\n1200 University Ave\nRiverside, CA 92507"
    contact.tax_id = "94-1234567"
    contact.remittance_instructions = "Checks payable to College Bridge, 1200 University Ave."
    contact.save()
    office = services.enroll_by_office(
        participant, CohortFactory(), payment_method="purchase_order", purchase_order_number="PO-9", paid=False
    )
    text = " ".join(pdf_text(documents.invoice_pdf(office)).split())
    assert "1200 University Ave" in text and "Tax ID (EIN): 94-1234567" in text
    assert "How to pay Checks payable to College Bridge" in text
    assert "<>" not in text and "Riverside Unified" in text  # no billing contact was given: the district
    payment = Payment.objects.create(
        enrollment=office, provider="test", reference="r-1", amount=450, status="paid", paid_at=timezone.now()
    )
    receipt = " ".join(pdf_text(documents.receipt_pdf(payment)).split())
    assert "94-1234567" in receipt and "How to pay" not in receipt


def test_purchase_order_needs_number_and_billing_contact(client, participant):
    cohort = CohortFactory()
    client.force_login(participant)
    response = post_registration(client, cohort, payment_method="purchase_order")
    assert response.status_code == 200
    assert response.content.decode().count("Needed for a purchase order.") == 3
    assert not Enrollment.objects.exists()


def test_server_refuses_a_purchase_order_after_its_window_closed(participant):
    cohort = CohortFactory(start_date=date(2030, 3, 4))  # a Monday
    deadlines = listing_for(cohort).deadlines
    with pytest.raises(
        services.RegistrationError, match="Purchase orders for .* closed on Wednesday, February 27, 2030"
    ):
        services.register_for_cohort(
            participant,
            cohort.pk,
            "purchase_order",
            purchase_order_number="PO-1",
            now=deadlines.purchase_order_closes,
        )
    # Online payment is still open until the start.
    enrollment = services.register_for_cohort(participant, cohort.pk, "online", now=deadlines.purchase_order_closes)
    assert enrollment.status == "registered"


def test_server_refuses_registration_once_the_cohort_has_started(client, participant):
    cohort = CohortFactory(start_date=date.today() - timedelta(days=1))
    client.force_login(participant)
    # The form would not offer it; a hand-made POST is refused all the same.
    response = post_registration(client, cohort)
    assert response.status_code == 200
    assert not Enrollment.objects.exists()
    with pytest.raises(services.RegistrationError, match="cannot be registered for"):
        services.register_for_cohort(participant, cohort.pk, "online")


def test_registration_closes_at_local_midnight_of_the_start_date(participant):
    cohort = CohortFactory(start_date=date(2030, 9, 9), time_zone="America/New_York")
    closes = datetime(2030, 9, 9, tzinfo=ZoneInfo("America/New_York"))
    services.register_for_cohort(participant, cohort.pk, "online", now=closes - timedelta(seconds=1))
    with pytest.raises(services.RegistrationError):
        services.register_for_cohort(factories_participant(), cohort.pk, "online", now=closes)


def test_a_closed_cohort_refuses_registration(participant):
    cohort = CohortFactory(registration="closed")
    with pytest.raises(services.RegistrationError, match="closed"):
        services.register_for_cohort(participant, cohort.pk, "online")


def test_nobody_registers_twice(participant):
    cohort = CohortFactory()
    services.register_for_cohort(participant, cohort.pk, "online")
    with pytest.raises(services.RegistrationError, match="already registered"):
        services.register_for_cohort(participant, cohort.pk, "online")
    assert Enrollment.objects.filter(user=participant).count() == 1


def test_a_full_cohort_waitlists_and_a_cancellation_promotes_the_first_waiting(
    mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(capacity=2)
    people = [participant() for _ in range(4)]
    enrollments = [services.register_for_cohort(p, cohort.pk, "online") for p in people]
    assert [e.status for e in enrollments] == ["registered", "registered", "waitlisted", "waitlisted"]
    assert listing_for(cohort).seats_left == 0

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_enrollment(enrollments[0])
    assert promoted.pk == enrollments[2].pk
    statuses = dict(Enrollment.objects.values_list("pk", "status"))
    assert statuses[enrollments[0].pk] == "cancelled"
    assert statuses[enrollments[2].pk] == "registered"
    assert statuses[enrollments[3].pk] == "waitlisted"
    promotion = [m for m in mailoutbox if "A place opened" in m.subject]
    assert [m.to for m in promotion] == [[people[2].email]]

    # Cancelling a waitlisted place frees no seat and promotes nobody.
    assert services.cancel_enrollment(enrollments[3]) is None
    assert Enrollment.objects.filter(cohort=cohort, status="registered").count() == 2


def test_a_free_cohort_is_paid_at_once(participant):
    cohort = CohortFactory(fee=Decimal("0"))
    enrollment = services.register_for_cohort(participant, cohort.pk, "online")
    assert enrollment.is_paid


def test_confirmation_email_gives_the_cohort_dates_and_deadlines(
    participant, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(start_date=date(2030, 3, 4), end_date=date(2030, 4, 26))
    with django_capture_on_commit_callbacks(execute=True):
        services.register_for_cohort(participant, cohort.pk, "online", now=timezone.now())
    body = next(m for m in mailoutbox if "Registration confirmed" in m.subject).body
    assert "Monday, March 4, 2030 to Friday, April 26, 2030" in body
    assert (
        "Course access and enrollment information: from Thursday, February 28, 2030, 12:00 AM PST (midnight at the end of Wednesday)"
        in body
    )
    assert "Purchase orders close: Wednesday, February 27, 2030, 12:00 AM PST (midnight at the end of Tuesday)" in body
    assert "Start with the Welcome module" in body


def test_a_paid_place_is_not_told_when_registration_and_purchase_orders_close(
    participant, series_cohort, mailoutbox, django_capture_on_commit_callbacks
):
    """Paid (a free series is paid at once): the closing dates are no longer anything to act on, and a
    workshop series has no Welcome module to start with."""
    with django_capture_on_commit_callbacks(execute=True):
        services.register_for_cohort(participant, series_cohort.pk, "online", now=timezone.now())
    body = next(m for m in mailoutbox if "Registration confirmed" in m.subject).body
    assert "Course access and enrollment information: from" in body
    assert "close:" not in body
    assert "Welcome module" not in body and "under My courses once the series opens" in body


def test_each_email_goes_out_once_however_often_its_task_runs(participant, mailoutbox):
    from cohorts.registration import tasks

    enrollment = EnrollmentFactory(user=participant)
    assert tasks.send_registration_confirmation(enrollment.pk) is True
    assert tasks.send_registration_confirmation(enrollment.pk) is False
    assert len(mailoutbox) == 1
    assert SentEmail.objects.filter(object_key=f"enrollment:{enrollment.pk}").count() == 1


def test_anonymous_visitors_are_asked_to_log_in_before_registering(client):
    cohort = CohortFactory()
    response = client.get(register_url(cohort))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_facilitators_can_register_as_learners_too(client):
    person = facilitator()
    cohort = CohortFactory()
    client.force_login(person)
    assert post_registration(client, cohort).status_code == 302
    assert Enrollment.objects.filter(user=person).exists()
