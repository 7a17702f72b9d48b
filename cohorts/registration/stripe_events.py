"""Stripe's webhook: each event verified (``Stripe-Signature`` against the endpoint's secret), stored once,
then handled. A replayed event finds its row and changes nothing; events that arrive out of order are
harmless because each handler looks at the payment's state before changing it."""

import logging
from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction

from .models import Payment, StripeEvent

logger = logging.getLogger(__name__)


class InvalidEvent(Exception):
    """Not from Stripe, or not as Stripe signs it: refused, logged, nothing changed."""


def verify(payload: bytes, signature: str):
    """The event, once its signature (within Stripe's five-minute tolerance) is checked."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise InvalidEvent("no webhook secret is configured")
    try:
        return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except stripe.SignatureVerificationError as error:
        raise InvalidEvent(f"bad signature: {error.user_message or error}") from None
    except ValueError as error:
        raise InvalidEvent(f"not an event: {error}") from None


def handle(event) -> str:
    """Store the event, then act on it, in one transaction; returns what was done (kept on the row)."""
    try:
        with transaction.atomic():
            row = StripeEvent.objects.create(
                event_id=event["id"],
                type=event["type"],
                created=datetime.fromtimestamp(event["created"], tz=UTC),
                payload=event.to_dict(),
            )
            outcome = _act(event["type"], event["data"]["object"].to_dict())
            row.outcome = outcome
            row.save(update_fields=["outcome"])
    except IntegrityError:
        return "seen before: nothing done"
    return outcome


def _act(kind, obj) -> str:
    from . import services

    if kind in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        if obj.get("payment_status") != "paid":
            return "not paid yet (a delayed payment method): waiting for async_payment_succeeded"
        reference = obj.get("client_reference_id") or ""
        try:
            payment = services.complete_online_payment(reference, obj, payment_intent=obj.get("payment_intent") or "")
        except Payment.DoesNotExist:
            logger.warning("stripe event for an unknown payment %r", reference)
            return "unknown payment: nothing done"
        except services.PaymentError:
            logger.warning("stripe event did not match payment %r (amount or currency)", reference)
            return "did not match the payment: marked failed"
        return f"payment {payment.reference} paid"
    if kind in ("checkout.session.expired", "checkout.session.async_payment_failed"):
        done = services.end_unpaid_checkout(obj.get("client_reference_id") or "")
        return {
            "released": "payment failed, the unpaid place released and the participant told",
            "failed": "payment marked failed (another checkout is under way, or the place is paid)",
        }.get(done, "payment not pending: nothing done")
    if kind == "charge.refunded":
        changed = services.record_refund(obj.get("payment_intent") or "")
        return "payment marked refunded" if changed else "no paid payment with this intent: nothing done"
    return "not an event the platform acts on"
