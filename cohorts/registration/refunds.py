"""What happens to a place's money when it is cancelled, and the refunds the program office owes and gave.

Said once here, for the office (the confirmation before cancelling) and for the person (their confirmation
and the e-mail that follows), so the two never disagree."""

from dataclasses import dataclass

from django.utils import timezone

from .models import Enrollment, Payment, PaymentMethod


def route(payment) -> str:
    """How a payment's money goes back, as people read it."""
    if payment.provider == PaymentMethod.PURCHASE_ORDER:
        return "by the program office to whoever paid the invoice"
    if payment.provider == "stripe":
        return "through Stripe to the card that paid"
    if payment.provider == "test":
        return "as a test (no card was charged)"
    return f"through {payment.provider}"


def day(moment) -> str:
    moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{moment:%b} {moment.day}, {moment:%Y}"


@dataclass(frozen=True)
class Money:
    """A place's money: the payment that a cancellation leaves owed back (None: nothing is owed), and the
    sentence each reader is told."""

    owed: Payment | None
    for_office: str
    for_person: str


def money_of(enrollment) -> Money:
    """What cancelling ``enrollment`` does with its money (one query)."""
    payments = list(
        enrollment.payments.filter(status__in=[Payment.Status.PAID, Payment.Status.REFUNDED]).order_by("-created_at")
    )
    paid = next((p for p in payments if p.status == Payment.Status.PAID), None)
    refunded = next((p for p in payments if p.status == Payment.Status.REFUNDED), None)
    if paid is not None:
        amount = f"${paid.amount}"
        if paid.provider == PaymentMethod.PURCHASE_ORDER:
            return Money(
                paid,
                f"{amount} was paid by purchase order on {day(paid.paid_at)}. Cancelling leaves it owed back: it is "
                "listed under Refunds, where you record the refund once the office has sent it to whoever paid the "
                "invoice.",
                f"The {amount} paid by purchase order is owed back: the program office refunds it to whoever paid "
                "the invoice, and we e-mail you when it is done.",
            )
        if paid.provider == "test":
            return Money(
                paid,
                f"{amount} was paid with the test payment provider on {day(paid.paid_at)}: no card was charged. "
                "Cancelling lists it under Refunds, where refunding it only records it.",
                "Your payment was a test payment: no card was charged, so no money goes back to you.",
            )
        return Money(
            paid,
            f"{amount} was paid online on {day(paid.paid_at)}. Cancelling does not refund it by itself: the refund is "
            f"then owed, listed under Refunds, and goes back {route(paid)} when you give it there.",
            f"The {amount} you paid online is owed back to you: the program office refunds it to the card you paid "
            "with, and we e-mail you when it is done.",
        )
    if refunded is not None:
        said = f"The ${refunded.amount} paid was refunded on {day(refunded.refunded_at)}: nothing more is owed."
        return Money(None, said, said)
    if enrollment.cohort.fee == 0:
        said = "The cohort is free: no money is involved."
        return Money(None, said, said)
    if enrollment.is_paid:
        return Money(
            None,
            "The office marked this place paid when placing the person, and no payment of it is recorded here: "
            "a refund, if one is owed, is made outside the platform.",
            "No payment for this place was made through the platform: ask the program office about any refund.",
        )
    if enrollment.payment_method == PaymentMethod.PURCHASE_ORDER:
        said = (
            f"Nothing has been paid, and the invoice for PO {enrollment.purchase_order_number} no longer needs paying."
        )
        return Money(None, said, said)
    said = "Nothing has been paid, so nothing is owed back."
    return Money(None, said, said)


def refunds_owed():
    """Payments still kept for registrations since cancelled, oldest cancellation first (one query)."""
    return _with_routes(
        Payment.objects.filter(status=Payment.Status.PAID, enrollment__status=Enrollment.Status.CANCELLED)
        .select_related("enrollment__user", "enrollment__cohort__program", "refunded_by")
        .order_by("enrollment__cancelled_at", "pk")[:500]
    )


def refunds_done(limit=100):
    """Refunds given, newest first, with who gave them (one query)."""
    return _with_routes(
        Payment.objects.filter(status=Payment.Status.REFUNDED)
        .select_related("enrollment__user", "enrollment__cohort__program", "refunded_by")
        .order_by("-refunded_at", "-pk")[:limit]
    )


def _with_routes(payments):
    payments = list(payments)
    for payment in payments:
        payment.route = route(payment)
    return payments
