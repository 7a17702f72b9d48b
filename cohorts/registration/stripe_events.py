"""Stripe's webhook: each event verified (``Stripe-Signature`` against the endpoint's secret), checked for the
shape Stripe sends, stored once, then handled. A replayed event finds its row and changes nothing; events that
arrive out of order are harmless because each handler looks at the payment's state before changing it; news of a
checkout session other than the payment's own is not applied to it."""

import json
import logging
import time
from datetime import UTC, datetime
from typing import TypeGuard

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction

from .models import Payment, StripeEvent

logger = logging.getLogger(__name__)

# Seconds a signature may be older than our clock (Stripe's own tolerance), or younger: a sender's clock may
# run a little ahead of ours, but a signature dated later than that was not made for now.
TOLERANCE = 300

CHECKOUT_EVENTS = (
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.expired",
    "checkout.session.async_payment_failed",
)
# What the handlers read of a Checkout Session and of a Charge: each, when it is there, of this type (None:
# Stripe's null). A session's id is required: it says which checkout the news is about.
SESSION_FIELDS = {
    "id": (str,),
    "client_reference_id": (str, None),
    "payment_status": (str, None),
    "amount_total": (int, None),
    "currency": (str, None),
    "payment_intent": (str, None),
    "metadata": (dict, None),
}
CHARGE_FIELDS = {"payment_intent": (str, None)}
OBJECT_FIELDS: dict = {**dict.fromkeys(CHECKOUT_EVENTS, SESSION_FIELDS), "charge.refunded": CHARGE_FIELDS}
LONGEST_ID = 255  # the columns that keep Stripe's ids


class InvalidEvent(Exception):
    """Not from Stripe, or not as Stripe signs or shapes it: refused, logged, nothing changed."""


def verify(payload: bytes, signature: str) -> dict:
    """The event, once its signature is checked (dated within ``TOLERANCE`` of now, either way) and its
    shape is what the handlers read."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise InvalidEvent("no webhook secret is configured")
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, TOLERANCE)
    except stripe.SignatureVerificationError as error:
        raise InvalidEvent(f"bad signature: {error.user_message or error}") from None
    except ValueError as error:  # a body that is not UTF-8
        raise InvalidEvent(f"not an event: {error}") from None
    if _signed_at(signature) > time.time() + TOLERANCE:
        raise InvalidEvent("signed in the future (beyond the clock skew allowed)")
    try:
        event = json.loads(payload)
    except (ValueError, RecursionError) as error:
        raise InvalidEvent(f"not JSON: {type(error).__name__}") from None
    return checked(event)


def _signed_at(signature) -> int:
    """The signature's time, read as Stripe's library reads it (the first ``t=``), once it has verified."""
    for item in signature.split(","):
        parts = item.split("=", 2)
        if parts[0] == "t":
            return int(parts[1])
    raise InvalidEvent("bad signature: no time")


def checked(event) -> dict:
    """``event`` if it has the shape of a Stripe event and the fields the handlers read have their types."""
    if not isinstance(event, dict):
        raise InvalidEvent("not an event: the body is not a JSON object")
    _require(event, "id", str, "the event's")
    _require(event, "type", str, "the event's")
    if len(event["id"]) > LONGEST_ID or len(event["type"]) > (StripeEvent._meta.get_field("type").max_length or 0):
        raise InvalidEvent("not an event: its id or type is too long")
    created = event.get("created")
    if not _is_int(created):
        raise InvalidEvent("not an event: 'created' is not a number of seconds")
    try:
        datetime.fromtimestamp(created, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise InvalidEvent("not an event: 'created' is not a time") from None
    _require(event, "data", dict, "the event's")
    _require(event["data"], "object", dict, "the event's data")
    if _has_nul(event):
        raise InvalidEvent("not an event: a NUL character in its text")
    obj = event["data"]["object"]
    fields = OBJECT_FIELDS.get(event["type"], {})
    for name, kinds in fields.items():
        if not any(_of_type(obj.get(name), kind) for kind in kinds):
            raise InvalidEvent(f"not an event: the {event['type']} object's {name!r} is missing or of the wrong type")
    if fields is SESSION_FIELDS and not 0 < len(obj["id"]) <= LONGEST_ID:
        raise InvalidEvent("not an event: the checkout session's 'id' is empty or too long")
    if fields and len(obj.get("payment_intent") or "") > LONGEST_ID:
        raise InvalidEvent("not an event: the object's 'payment_intent' is too long")
    return event


def _require(mapping, name, kind, whose):
    value = mapping.get(name)
    if not isinstance(value, kind) or (kind is str and not value):
        raise InvalidEvent(f"not an event: {whose} {name!r} is missing or not a {kind.__name__}")


def _of_type(value, kind):
    if kind is None:
        return value is None
    return _is_int(value) if kind is int else isinstance(value, kind)


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _has_nul(value):
    """PostgreSQL keeps no NUL in text (nor in JSON): such an event could not be stored."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def handle(event: dict) -> str:
    """Store the event, then act on it, in one transaction; returns what was done (kept on the row)."""
    try:
        with transaction.atomic():
            row = StripeEvent.objects.create(
                event_id=event["id"],
                type=event["type"],
                created=datetime.fromtimestamp(event["created"], tz=UTC),
                payload=event,
            )
            outcome = _act(event["type"], event["data"]["object"])
            row.outcome = outcome
            row.save(update_fields=["outcome"])
    except IntegrityError:
        return "seen before: nothing done"
    return outcome


NOT_ITS_CHECKOUT = "another checkout session than the payment's: nothing done"


def _act(kind, obj) -> str:
    from . import services

    if kind in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        if obj.get("payment_status") != "paid":
            return "not paid yet (a delayed payment method): waiting for async_payment_succeeded"
        reference = obj.get("client_reference_id") or ""
        try:
            payment = services.complete_online_payment(
                reference, obj, payment_intent=obj.get("payment_intent") or "", checkout_id=obj["id"]
            )
        except Payment.DoesNotExist:
            logger.warning("stripe event for an unknown payment %r", reference)
            return "unknown payment: nothing done"
        except services.NotItsCheckout:
            logger.warning(
                "stripe event of checkout session %r for payment %r: %s", obj["id"], reference, NOT_ITS_CHECKOUT
            )
            return NOT_ITS_CHECKOUT
        except services.PaymentError:
            logger.warning("stripe event did not match payment %r (amount or currency)", reference)
            return "did not match the payment: marked failed"
        return f"payment {payment.reference} paid"
    if kind in ("checkout.session.expired", "checkout.session.async_payment_failed"):
        reference = obj.get("client_reference_id") or ""
        done = services.end_unpaid_checkout(reference, checkout_id=obj["id"])
        if done == "not its checkout":
            logger.warning(
                "stripe event of checkout session %r for payment %r: %s", obj["id"], reference, NOT_ITS_CHECKOUT
            )
            return NOT_ITS_CHECKOUT
        return {
            "released": "payment failed, the unpaid place released and the participant told",
            "failed": "payment marked failed (another checkout is under way, or the place is paid)",
        }.get(done, "payment not pending: nothing done")
    if kind == "charge.refunded":
        changed = services.record_refund(obj.get("payment_intent") or "")
        return "payment marked refunded" if changed else "no paid payment with this intent: nothing done"
    return "not an event the platform acts on"
