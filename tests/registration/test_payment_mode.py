"""The simulated checkout never runs on a live site: with debugging off, online payment is
offered only with a real provider; where the test provider is allowed (a staging site),
every page and receipt says "test payment"."""

import re

import pytest
from django.core import signing

from cohorts.registration import services
from cohorts.registration.models import Enrollment, Payment
from cohorts.registration.payments import TestCheckoutProvider
from tests.factories import CohortFactory, EnrollmentFactory
from tests.pd_platform.test_settings import settings_with
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_site(settings):
    """Debugging off, the test provider still named but not allowed."""
    settings.DEBUG = False
    settings.PAYMENT_PROVIDER = "test"
    settings.PAYMENT_ALLOW_TEST_PROVIDER = False
    return settings


def test_a_live_site_has_no_test_provider_unless_told(tmp_path):
    assert settings_with(tmp_path)["payment_provider"] == ""
    assert settings_with(tmp_path, DJANGO_DEBUG="1")["payment_provider"] == "test"


@pytest.mark.parametrize("provider", ["test", ""])
def test_without_a_real_provider_registration_offers_purchase_orders_only(client, participant, live_site, provider):
    live_site.PAYMENT_PROVIDER = provider
    cohort = CohortFactory()
    client.force_login(participant)
    html = client.get(f"/cohorts/register/{cohort.program_id}/").content.decode()
    assert 'value="online"' not in html and 'value="purchase_order"' in html
    assert "Online payment is not available" in html
    assert "Test payments" not in html
    response = client.post(f"/cohorts/register/{cohort.program_id}/", {"cohort": cohort.pk, "payment_method": "online"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Enrollment.objects.filter(user=participant).exists()


def test_an_unpaid_online_registration_cannot_be_paid_by_simulation(client, participant, live_site, mailoutbox):
    enrollment = EnrollmentFactory(user=participant, payment_method="online", paid_at=None)
    client.force_login(participant)
    page = client.get("/cohorts/my-courses/").content.decode()
    assert "Pay $" not in page and "contact the program office" in page
    response = client.post(f"/cohorts/enrollments/{enrollment.pk}/pay/", follow=True)
    assert "Online payment is not available" in response.content.decode()
    assert not Payment.objects.exists()

    # A test payment opened earlier (or forged) is not confirmed either, even with a good token.
    payment = Payment.objects.create(enrollment=enrollment, provider="test", reference="ref-live", amount=450)
    assert client.get("/cohorts/checkout/test/ref-live/").status_code == 404
    token = signing.dumps({"reference": "ref-live", "amount": str(payment.amount)}, salt=TestCheckoutProvider._salt)
    with pytest.raises(services.PaymentError):
        services.complete_online_payment("ref-live", {"token": token})
    enrollment.refresh_from_db()
    assert not enrollment.is_paid and not mailoutbox


def test_where_test_payments_are_allowed_every_page_and_receipt_says_so(
    client, participant, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.DEBUG = False
    settings.PAYMENT_PROVIDER = "test"
    settings.PAYMENT_ALLOW_TEST_PROVIDER = True  # a staging site
    cohort = CohortFactory()
    client.force_login(participant)
    for url in ["/", f"/cohorts/register/{cohort.program_id}/", "/cohorts/my-courses/", "/dashboard/"]:
        assert "Test payments:" in client.get(url).content.decode(), url
    with django_capture_on_commit_callbacks(execute=True):
        checkout_url = client.post(
            f"/cohorts/register/{cohort.program_id}/", {"cohort": cohort.pk, "payment_method": "online"}
        )["Location"]
    token = re.search(r'name="token" value="([^"]+)"', client.get(checkout_url).content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(checkout_url, {"token": token, "pay": ""})
    receipt = next(m for m in mailoutbox if "Receipt" in m.subject)
    assert "TEST PAYMENT" in receipt.body
    assert "TEST PAYMENT" in pdf_text(receipt.attachments[0][1])


def test_without_online_payment_a_cohort_past_its_purchase_order_deadline_is_not_offered(
    client, participant, live_site
):
    from datetime import date, timedelta

    later = CohortFactory(name="Cohort 21")
    soon = CohortFactory(name="Cohort 20", start_date=date.today() + timedelta(days=1))  # POs closed, registration open
    client.force_login(participant)

    html = client.get(f"/cohorts/register/{later.program_id}/").content.decode()

    assert f'value="{later.pk}"' in html and f'value="{soon.pk}"' not in html
    assert "Cohort 20: purchase orders have closed and online payment is not available" in html
    refused = client.post(
        f"/cohorts/register/{later.program_id}/",
        {
            "cohort": soon.pk,
            "payment_method": "purchase_order",
            "purchase_order_number": "PO-1",
            "billing_contact_name": "Ana Ruiz",
            "billing_contact_email": "ap@district.org",
        },
    )
    assert "Select a valid choice" in refused.content.decode()
    assert not Enrollment.objects.filter(user=participant).exists()
