"""Online payment providers. A real card processor is an adapter with this interface.

The flow: ``start_checkout`` returns the URL the payer is sent to; the provider sends the
payer back (or calls a webhook) with data that ``confirm`` checks before anything is
marked paid. Amounts and references are ours; the provider never decides what is owed.
"""

from abc import ABC, abstractmethod

from django.conf import settings
from django.core import signing
from django.urls import reverse


class PaymentProvider(ABC):
    name: str

    @abstractmethod
    def start_checkout(self, payment) -> str:
        """Open a checkout for ``payment`` and return the URL to send the payer to."""

    @abstractmethod
    def confirm(self, payment, data) -> bool:
        """Whether the provider vouches that ``payment`` was paid, from what it sent back."""


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


PROVIDERS = {TestCheckoutProvider.name: TestCheckoutProvider}


def test_provider_allowed() -> bool:
    """The simulated checkout marks people paid without a card: never on a live site."""
    return settings.DEBUG or settings.PAYMENT_ALLOW_TEST_PROVIDER


def online_payment_available() -> bool:
    """Whether people may pay online here; otherwise they pay by purchase order."""
    name = settings.PAYMENT_PROVIDER
    if name == TestCheckoutProvider.name:
        return test_provider_allowed()
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
