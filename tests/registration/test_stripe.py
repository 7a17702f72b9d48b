"""Stripe Checkout, against a local stand-in that speaks Stripe's documented wire format (form-encoded
requests, JSON answers, a bearer key), and webhook events signed as Stripe signs them
(``Stripe-Signature: t=<time>,v1=<HMAC-SHA256 of "<time>.<payload>">``). To try the real service, set
STRIPE_SECRET_KEY to a test-mode key and leave STRIPE_API_BASE alone (see the README)."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.checks import run_checks

from cohorts.registration import services
from cohorts.registration.models import Cohort, Enrollment, Payment, StripeEvent
from tests import factories
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db
KEY = "sk_test_standin"
SECRET = "whsec_standin"


class StandIn(BaseHTTPRequestHandler):
    """Answers the two calls the platform makes: create a Checkout Session, create a Refund."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        form = {key: values[0] for key, values in parse_qs(body).items()}
        self.server.calls.append((self.path, form, dict(self.headers)))
        if self.headers.get("Authorization") != f"Bearer {KEY}":
            return self.answer(401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key"}})
        number = len(self.server.calls)
        if self.path == "/v1/checkout/sessions":
            return self.answer(
                200,
                {
                    "id": f"cs_test_{number}",
                    "object": "checkout.session",
                    "url": f"https://checkout.stripe.test/c/pay/cs_test_{number}",
                    "client_reference_id": form["client_reference_id"],
                    "amount_total": int(form["line_items[0][price_data][unit_amount]"]),
                    "currency": form["line_items[0][price_data][currency]"],
                    "payment_status": "unpaid",
                    "status": "open",
                },
            )
        if self.path == "/v1/refunds":
            return self.answer(
                200,
                {
                    "id": f"re_{number}",
                    "object": "refund",
                    "payment_intent": form["payment_intent"],
                    "status": "succeeded",
                },
            )
        return self.answer(404, {"error": {"type": "invalid_request_error", "message": "Unrecognized request URL"}})

    def answer(self, status, data):
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Request-Id", "req_standin")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def stripe_standin(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    server.calls = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PAYMENT_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = KEY
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def signed(event, secret=SECRET, at=None):
    payload = json.dumps(event).encode()
    at = at or int(time.time())
    signature = hmac.new(secret.encode(), f"{at}.".encode() + payload, hashlib.sha256).hexdigest()
    return payload, f"t={at},v1={signature}"


def send(client, event, **how):
    payload, header = signed(event, **how)
    return client.post(
        "/payments/stripe/webhook/", data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def event(kind, payment, number=1, **fields):
    session = {
        "id": payment.checkout_id,
        "object": "checkout.session",
        "client_reference_id": payment.reference,
        "amount_total": 45000,
        "currency": "usd",
        "payment_status": "paid",
        "payment_intent": "pi_standin",
        **fields,
    }
    return {
        "id": f"evt_{number}",
        "object": "event",
        "type": kind,
        "created": int(time.time()),
        "data": {"object": session},
    }


@pytest.fixture
def checkout(client, participant, stripe_standin, django_capture_on_commit_callbacks):
    """A participant registered for a $450 cohort and sent to Stripe Checkout."""
    cohort = CohortFactory()
    client.force_login(participant)
    response = client.post(
        f"/cohorts/register/{cohort.program_id}/", {"cohort": str(cohort.pk), "payment_method": "online"}
    )
    return response, Payment.objects.get(enrollment__user=participant)


def test_registration_opens_a_checkout_session_for_what_is_owed(checkout, stripe_standin, participant):
    response, payment = checkout
    assert response["Location"] == "https://checkout.stripe.test/c/pay/cs_test_1"
    path, form, headers = stripe_standin.calls[0]
    assert path == "/v1/checkout/sessions" and headers["Authorization"] == f"Bearer {KEY}"
    assert form["mode"] == "payment" and form["client_reference_id"] == payment.reference
    assert (
        form["line_items[0][price_data][unit_amount]"] == "45000"
        and form["line_items[0][price_data][currency]"] == "usd"
    )
    assert form["customer_email"] == participant.email
    assert 30 * 60 <= int(form["expires_at"]) - time.time() <= 24 * 3600
    assert headers["Idempotency-Key"] == f"checkout-{payment.reference}"
    assert payment.checkout_id == "cs_test_1" and payment.status == "pending"
    assert not Enrollment.objects.get(user=participant).is_paid


def test_only_the_signed_webhook_marks_it_paid_and_only_once(
    client, checkout, participant, mailoutbox, django_capture_on_commit_callbacks
):
    _, payment = checkout
    client.get("/cohorts/my-courses/?checkout=done")  # the payer's return proves nothing
    assert not Enrollment.objects.get(user=participant).is_paid

    completed = event("checkout.session.completed", payment)
    assert send(client, completed, secret="whsec_forged").status_code == 400
    assert send(client, completed, at=int(time.time()) - 600).status_code == 400  # outside the five minutes
    bad_header = client.post(
        "/payments/stripe/webhook/", data=b"{}", content_type="application/json", HTTP_STRIPE_SIGNATURE="t=1,v1=00"
    )
    assert bad_header.status_code == 400 and "Refused" in bad_header.content.decode()
    assert not StripeEvent.objects.exists() and not Enrollment.objects.get(user=participant).is_paid

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, completed)
    assert response.status_code == 200 and "paid" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        replay = send(client, completed)
    assert replay.status_code == 200 and "seen before" in replay.content.decode()
    payment.refresh_from_db()
    assert payment.status == "paid" and payment.payment_intent == "pi_standin"
    assert Enrollment.objects.get(user=participant).is_paid
    assert len([m for m in mailoutbox if "Receipt" in m.subject]) == 1 and StripeEvent.objects.count() == 1


def test_late_mismatched_and_unknown_events_change_nothing_they_should_not(client, checkout, participant):
    _, payment = checkout
    wrong_amount = event("checkout.session.completed", payment, number=1, amount_total=100)
    assert "did not match" in send(client, wrong_amount).content.decode()
    assert not Enrollment.objects.get(user=participant).is_paid

    send(client, event("checkout.session.completed", payment, number=2))
    late_expiry = send(client, event("checkout.session.expired", payment, number=3, payment_status="unpaid"))
    assert "not pending" in late_expiry.content.decode()
    payment.refresh_from_db()
    assert payment.status == "paid"
    stranger = event("checkout.session.completed", payment, number=4, client_reference_id="not-ours")
    assert "unknown payment" in send(client, stranger).content.decode()


def test_an_expired_checkout_releases_the_seat_to_the_waitlist_and_says_so(
    client, checkout, participant, mailoutbox, django_capture_on_commit_callbacks
):
    _, payment = checkout
    cohort = payment.enrollment.cohort
    Cohort.objects.filter(pk=cohort.pk).update(capacity=1)
    waiting = services.register_for_cohort(factories.participant(), cohort.pk, "online")
    assert waiting.status == "waitlisted"  # the unpaid place holds the seat while the checkout is open
    with django_capture_on_commit_callbacks(execute=True):
        answer = send(client, event("checkout.session.expired", payment, payment_status="unpaid"))
    assert "released" in answer.content.decode()
    payment.refresh_from_db()
    waiting.refresh_from_db()
    assert payment.status == "failed" and waiting.status == "registered"
    assert Enrollment.objects.get(user=participant).status == "cancelled"
    told = [m for m in mailoutbox if "was released" in m.subject]
    assert [m.to for m in told] == [[participant.email]] and "register again" in told[0].body


def test_an_expiry_while_a_newer_checkout_is_open_keeps_the_place(client, checkout, participant, stripe_standin):
    _, first = checkout
    enrollment = Enrollment.objects.get(user=participant)
    assert client.post(f"/cohorts/enrollments/{enrollment.pk}/pay/")["Location"].endswith("cs_test_2")
    assert (
        "another checkout"
        in send(client, event("checkout.session.expired", first, payment_status="unpaid")).content.decode()
    )
    enrollment.refresh_from_db()
    assert enrollment.status == "registered"


def test_a_cancelled_paid_registration_is_refunded_from_the_admin(
    client, checkout, participant, program_admin, facilitator, stripe_standin
):
    _, payment = checkout
    send(client, event("checkout.session.completed", payment))
    enrollment = Enrollment.objects.get(user=participant)
    services.cancel_enrollment(enrollment)

    client.force_login(facilitator)
    assert client.post(f"/admin/refunds/{payment.pk}/").status_code in (302, 403)
    assert [path for path, _, _ in stripe_standin.calls] == ["/v1/checkout/sessions"]
    client.force_login(program_admin)
    assert participant.full_name in client.get("/admin/refunds/").content.decode()
    assert participant.full_name in client.get("/admin/").content.decode()  # the dashboard counts it
    client.post(f"/admin/refunds/{payment.pk}/")
    path, form, headers = stripe_standin.calls[-1]
    assert path == "/v1/refunds" and form["payment_intent"] == "pi_standin"
    assert headers["Idempotency-Key"] == f"refund-{payment.reference}"

    refunded = {"id": "evt_9", "object": "event", "type": "charge.refunded", "created": int(time.time())}
    refunded["data"] = {"object": {"id": "ch_1", "object": "charge", "payment_intent": "pi_standin", "refunded": True}}
    assert "refunded" in send(client, refunded).content.decode()
    payment.refresh_from_db()
    assert payment.status == "refunded" and payment.refunded_at is not None
    assert "No refund is owed." in client.get("/admin/refunds/").content.decode()


def test_a_stripe_refund_shows_as_asked_then_given_and_the_person_hears_of_it_once(
    client, checkout, participant, program_admin, stripe_standin, mailoutbox, django_capture_on_commit_callbacks
):
    _, payment = checkout
    send(client, event("checkout.session.completed", payment))
    enrollment = Enrollment.objects.get(user=participant)
    client.force_login(program_admin)
    client.post(f"/admin/enrollments/{enrollment.pk}/cancel/")
    client.post(f"/admin/refunds/{payment.pk}/")
    owed = client.get("/admin/refunds/").content.decode()
    assert "waiting for its confirmation" in owed and "Refund $450.00" not in owed  # not asked twice
    assert not [m for m in mailoutbox if m.subject.startswith("[") and "Refunded" in m.subject]

    refunded = {"id": "evt_9", "object": "event", "type": "charge.refunded", "created": int(time.time())}
    refunded["data"] = {"object": {"id": "ch_1", "object": "charge", "payment_intent": "pi_standin", "refunded": True}}
    with django_capture_on_commit_callbacks(execute=True):
        send(client, refunded)
        send(client, {**refunded, "id": "evt_10"})  # Stripe tells again (a second partial refund, a retry)
    notices = [m for m in mailoutbox if "Refunded" in m.subject]
    assert [m.to for m in notices] == [[participant.email]]
    assert "through Stripe to the card that paid" in notices[0].body
    given = client.get("/admin/refunds/").content.decode().split("<h2>Given</h2>")[1]
    assert participant.email in given and program_admin.full_name in given and "$450.00" in given


def test_a_refund_made_in_the_stripe_dashboard_is_on_record_and_told(
    client, checkout, participant, program_admin, mailoutbox, django_capture_on_commit_callbacks
):
    _, payment = checkout
    send(client, event("checkout.session.completed", payment))
    refunded = {"id": "evt_9", "object": "event", "type": "charge.refunded", "created": int(time.time())}
    refunded["data"] = {"object": {"id": "ch_1", "object": "charge", "payment_intent": "pi_standin", "refunded": True}}
    with django_capture_on_commit_callbacks(execute=True):
        send(client, refunded)
    assert [m.to for m in mailoutbox if "Refunded" in m.subject] == [[participant.email]]
    client.force_login(program_admin)
    assert "From the Stripe dashboard" in client.get("/admin/refunds/").content.decode()
    client.force_login(participant)
    assert "refunded" in client.get("/cohorts/my-courses/").content.decode()


def test_a_refused_key_is_said_plainly(client, checkout, participant, settings, stripe_standin):
    _, payment = checkout
    send(client, event("checkout.session.completed", payment))
    services.cancel_enrollment(Enrollment.objects.get(user=participant))
    settings.STRIPE_SECRET_KEY = "sk_test_revoked"
    payment.refresh_from_db()
    with pytest.raises(services.PaymentError, match="Stripe refused the refund: Invalid API Key"):
        services.refund_cancelled_payment(payment)
    payment.refresh_from_db()
    assert payment.status == "paid"


def test_stripe_without_its_keys_fails_the_deploy_check(settings):
    settings.PAYMENT_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = ""
    assert "pd_platform.E004" in [m.id for m in run_checks(include_deployment_checks=True)]
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = KEY, SECRET
    assert "pd_platform.E004" not in [m.id for m in run_checks(include_deployment_checks=True)]


def send_body(client, payload: bytes, at=None):
    """A body exactly as given, signed with the endpoint's secret as Stripe signs: the signature is right,
    whatever the body says."""
    at = at or int(time.time())
    signature = hmac.new(SECRET.encode(), f"{at}.".encode() + payload, hashlib.sha256).hexdigest()
    return client.post(
        "/payments/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=f"t={at},v1={signature}",
    )


def completed_for(payment, change):
    """A checkout.session.completed event for ``payment`` that would mark it paid, then changed by ``change``."""
    body = event("checkout.session.completed", payment)
    body["data"]["object"]["metadata"] = {"payment_reference": payment.reference}
    change(body)
    return json.dumps(body).encode()


MALFORMED = {
    "not JSON": lambda payment: b"this is not JSON",
    "not UTF-8": lambda payment: b'{"id": "evt_1", "type": "\xff"}',
    "a JSON list": lambda payment: b"[]",
    "a JSON string": lambda payment: b'"checkout.session.completed"',
    "JSON nested too deep": lambda payment: b"[" * 100_000 + b"]" * 100_000,
    "no type": lambda payment: completed_for(payment, lambda e: e.pop("type")),
    "type not text": lambda payment: completed_for(payment, lambda e: e.update(type=["checkout.session.completed"])),
    "no id": lambda payment: completed_for(payment, lambda e: e.pop("id")),
    "id not text": lambda payment: completed_for(payment, lambda e: e.update(id={"evt": 1})),
    "no data": lambda payment: completed_for(payment, lambda e: e.pop("data")),
    "data not an object": lambda payment: completed_for(payment, lambda e: e.update(data="paid")),
    "no data.object": lambda payment: completed_for(payment, lambda e: e["data"].pop("object")),
    "data.object a list": lambda payment: completed_for(payment, lambda e: e["data"].update(object=[1])),
    "data.object text": lambda payment: completed_for(payment, lambda e: e["data"].update(object="cs_test_1")),
    "created text": lambda payment: completed_for(payment, lambda e: e.update(created=str(e["created"]))),
    "created out of range": lambda payment: completed_for(payment, lambda e: e.update(created=10**20)),
    "created true": lambda payment: completed_for(payment, lambda e: e.update(created=True)),
    "amount_total text": lambda payment: completed_for(
        payment, lambda e: e["data"]["object"].update(amount_total="45000")
    ),
    "metadata a list": lambda payment: completed_for(payment, lambda e: e["data"]["object"].update(metadata=["x"])),
    "session id missing": lambda payment: completed_for(payment, lambda e: e["data"]["object"].pop("id")),
    "reference a list": lambda payment: completed_for(
        payment, lambda e: e["data"]["object"].update(client_reference_id=[payment.reference])
    ),
    "payment_intent an object": lambda payment: completed_for(
        payment, lambda e: e["data"]["object"].update(payment_intent={"id": "pi_standin"})
    ),
    "text with a NUL": lambda payment: completed_for(payment, lambda e: e["data"]["object"].update(currency="usd\x00")),
}


@pytest.mark.parametrize("shape", MALFORMED)
def test_a_signed_event_of_the_wrong_shape_is_refused_and_changes_nothing(client, checkout, participant, shape, caplog):
    _, payment = checkout
    response = send_body(client, MALFORMED[shape](payment))
    assert response.status_code == 400 and response.content.decode().startswith("Refused:")
    assert "stripe webhook refused" in caplog.text
    payment.refresh_from_db()
    assert payment.status == "pending" and not Enrollment.objects.get(user=participant).is_paid
    assert not StripeEvent.objects.exists()  # Stripe sends it again; a right one is then handled

    assert send(client, event("checkout.session.completed", payment)).status_code == 200
    payment.refresh_from_db()
    assert payment.status == "paid"


def test_a_signature_dated_in_the_future_is_refused_beyond_a_small_clock_skew(client, checkout, participant):
    _, payment = checkout
    ahead = send(client, event("checkout.session.completed", payment), at=int(time.time()) + 10 * 60)
    assert ahead.status_code == 400 and "future" in ahead.content.decode()
    assert not StripeEvent.objects.exists() and not Enrollment.objects.get(user=participant).is_paid

    slightly_ahead = send(client, event("checkout.session.completed", payment), at=int(time.time()) + 2 * 60)
    assert slightly_ahead.status_code == 200  # a clock a little ahead of ours
    assert Enrollment.objects.get(user=participant).is_paid


def test_an_event_about_another_checkout_session_is_not_applied_to_the_payment(
    client, checkout, participant, caplog, django_capture_on_commit_callbacks
):
    _, payment = checkout
    Cohort.objects.filter(pk=payment.enrollment.cohort_id).update(capacity=1)
    waiting = services.register_for_cohort(factories.participant(), payment.enrollment.cohort_id, "online")
    # Another session in the same Stripe account (a payment link, another integration) naming our reference.
    foreign_paid = event("checkout.session.completed", payment, number=1, id="cs_test_elsewhere")
    foreign_expired = event(
        "checkout.session.expired", payment, number=2, id="cs_test_elsewhere", payment_status="unpaid"
    )
    with django_capture_on_commit_callbacks(execute=True):
        paid_answer = send(client, foreign_paid)
        expired_answer = send(client, foreign_expired)
    assert paid_answer.status_code == 200 and "another checkout session" in paid_answer.content.decode()
    assert expired_answer.status_code == 200 and "another checkout session" in expired_answer.content.decode()
    assert caplog.text.count("another checkout session") == 2
    payment.refresh_from_db()
    waiting.refresh_from_db()
    assert payment.status == "pending" and payment.payment_intent == "" and payment.paid_at is None
    assert Enrollment.objects.get(user=participant).status == "registered" and waiting.status == "waitlisted"

    assert "paid" in send(client, event("checkout.session.completed", payment, number=3)).content.decode()
    payment.refresh_from_db()
    assert payment.status == "paid"


def test_an_event_for_a_payment_that_never_opened_a_checkout_session_is_not_applied(client, checkout):
    _, payment = checkout
    Payment.objects.filter(pk=payment.pk).update(checkout_id="")
    answer = send(client, event("checkout.session.completed", payment, id="cs_test_1"))
    assert "another checkout session" in answer.content.decode()
    payment.refresh_from_db()
    assert payment.status == "pending"
