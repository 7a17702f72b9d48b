"""Online payment providers. A real card processor is an adapter with this interface.

The flow: ``start_checkout`` returns the URL the payer is sent to; the provider sends the
payer back (or calls a webhook) with data that ``confirm`` checks before anything is
marked paid. Amounts and references are ours; the provider never decides what is owed.
"""

import time
from abc import ABC, abstractmethod
from decimal import ROUND_HALF_UP, Decimal

import stripe
from django.conf import settings
from django.core import signing
from django.urls import reverse


class PaymentProvider(ABC):
    name: str
    # True where the provider reports the refund itself later (a webhook): the payment is marked then.
    refund_confirmed_later = False

    @abstractmethod
    def start_checkout(self, payment) -> str:
        """Open a checkout for ``payment`` and return the URL to send the payer to."""

    @abstractmethod
    def confirm(self, payment, data) -> bool:
        """Whether the provider vouches that ``payment`` was paid, from what it sent back."""

    def refund(self, payment) -> None:
        """Give the money of a paid ``payment`` back (raises on refusal)."""
        raise NotImplementedError(f"{self.name} payments are refunded by the program office by hand.")


class TestCheckoutProvider(PaymentProvider):
    """Simulates a card processor's hosted checkout page. No card is ever charged."""

    name = "test"
    _salt = "cohorts.payments.test-checkout"

    def start_checkout(self, payment) -> str:
        return reverse("cohorts:test_checkout", args=[payment.reference])

    def token_for(self, payment) -> str:
        return signing.dumps({"reference": payment.reference, "amount": str(payment.amount)}, salt=self._salt)

    def confirm(self, payment, data) -> bool:
        try:
            signed = signing.loads(data.get("token", ""), salt=self._salt, max_age=3600)
        except signing.BadSignature:
            return False
        return signed == {"reference": payment.reference, "amount": str(payment.amount)}

    def refund(self, payment) -> None:
        """No card was charged: nothing to give back."""


def cents(amount) -> int:
    return int((Decimal(amount) * 100).to_integral_value(rounding=ROUND_HALF_UP))


class StripeCheckoutProvider(PaymentProvider):
    """Stripe Checkout: a hosted page per payment. Only the signed webhook marks anything paid
    (``cohorts.registration.stripe_events``); the payer's return to the site proves nothing."""

    name = "stripe"
    refund_confirmed_later = True  # by its charge.refunded event
    CHECKOUT_MINUTES = 60  # the session expires after this (Stripe allows 30 minutes to 24 hours)

    def client(self):
        return stripe.StripeClient(
            settings.STRIPE_SECRET_KEY, base_addresses={"api": settings.STRIPE_API_BASE}, max_network_retries=2
        )

    def start_checkout(self, payment) -> str:
        enrollment = payment.enrollment
        cohort = enrollment.cohort
        site = settings.SITE_URL.rstrip("/")
        session = self.client().v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "client_reference_id": payment.reference,
                "customer_email": enrollment.user.email,
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": "usd",
                            "unit_amount": cents(payment.amount),
                            "product_data": {"name": f"{cohort.program.title}: {cohort.name}"},
                        },
                    }
                ],
                "metadata": {"payment_reference": payment.reference, "enrollment": str(enrollment.pk)},
                "success_url": f"{site}{reverse('cohorts:my_courses')}?checkout=done",
                "cancel_url": f"{site}{reverse('cohorts:my_courses')}?checkout=cancelled",
                "expires_at": int(time.time()) + self.CHECKOUT_MINUTES * 60,
            },
            options={"idempotency_key": f"checkout-{payment.reference}"},
        )
        type(payment).objects.filter(pk=payment.pk).update(checkout_id=session.id)
        return session.url

    def confirm(self, payment, data) -> bool:
        """``data`` is a Checkout Session from a verified event: ours, paid, the amount we asked."""
        return (
            data.get("client_reference_id") == payment.reference
            and data.get("payment_status") == "paid"
            and data.get("amount_total") == cents(payment.amount)
            and data.get("currency") == "usd"
        )

    def refund(self, payment) -> None:
        if not payment.payment_intent:
            raise LookupError("Stripe did not say which payment this was: refund it from the Stripe dashboard.")
        self.client().v1.refunds.create(
            params={"payment_intent": payment.payment_intent, "metadata": {"payment_reference": payment.reference}},
            options={"idempotency_key": f"refund-{payment.reference}"},
        )


PROVIDERS = {TestCheckoutProvider.name: TestCheckoutProvider, StripeCheckoutProvider.name: StripeCheckoutProvider}


def test_provider_allowed() -> bool:
    """The simulated checkout marks people paid without a card: never on a live site."""
    return settings.DEBUG or settings.PAYMENT_ALLOW_TEST_PROVIDER


def online_payment_available() -> bool:
    """Whether people may pay online here; otherwise they pay by purchase order."""
    name = settings.PAYMENT_PROVIDER
    if name == TestCheckoutProvider.name:
        return test_provider_allowed()
    if name == StripeCheckoutProvider.name:
        return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)
    return name in PROVIDERS


def test_payments_on() -> bool:
    return settings.PAYMENT_PROVIDER == TestCheckoutProvider.name and test_provider_allowed()


def get_provider(name=None) -> PaymentProvider:
    name = name or settings.PAYMENT_PROVIDER
    if name == TestCheckoutProvider.name and not test_provider_allowed():
        raise LookupError("The test payment provider runs only with debugging on or PAYMENT_ALLOW_TEST_PROVIDER=1.")
    try:
        return PROVIDERS[name]()
    except KeyError:
        raise LookupError(f"No payment provider named '{name}' (known: {', '.join(PROVIDERS)})") from None
