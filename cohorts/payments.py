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


def get_provider(name=None) -> PaymentProvider:
    name = name or settings.PAYMENT_PROVIDER
    try:
        return PROVIDERS[name]()
    except KeyError:
        raise LookupError(f"No payment provider named '{name}' (known: {', '.join(PROVIDERS)})") from None
