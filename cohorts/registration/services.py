"""Registration, cancellation and payment: each a single transaction that guards the seats."""

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import stripe
from django.db import IntegrityError, transaction
from django.utils import timezone

from pd_platform import outbox
from pd_platform.accounts.models import User

from .approvals import requests as approvals
from .deadlines import local_text
from .models import HOLDS_A_SEAT, Approval, Cohort, Enrollment, Payment, PaymentMethod
from .payments import TestCheckoutProvider, get_provider, online_payment_available
from .selectors import listing_for, may_join, verified_domains


class RegistrationError(Exception):
    """Something the person must be told: registration did not happen, and why."""


class PaymentError(Exception):
    pass


class NotItsCheckout(Exception):
    """News of a checkout other than the one the payment opened: not applied to it (nothing changed)."""


def _its_checkout(payment: Payment, checkout_id: str | None) -> bool:
    """Whether the provider's news is about the checkout ``payment`` opened (None: the provider names none).
    A payment that recorded no checkout opened none, so no checkout's news is about it."""
    return checkout_id is None or (bool(payment.checkout_id) and payment.checkout_id == checkout_id)


def register_for_cohort(
    user: User,
    cohort_id: int,
    payment_method: str,
    *,
    purchase_order_number: str = "",
    billing_contact_name: str = "",
    billing_contact_email: str = "",
    invitation: str = "",
    supervisor_email: str = "",
    now: datetime | None = None,
) -> Enrollment:
    """Register ``user`` for a cohort, or put them on its waitlist when it is full.

    The cohort row is locked for the whole transaction, so concurrent registrations count
    seats one at a time and capacity is never exceeded. Every deadline is checked here,
    whatever the form offered, and so is a private cohort's door: its ``invitation`` key or
    a verified address at its school's domain. Where the person's district approves PD first,
    the place waits for its approver (holding its seat) and nothing is billed until it is approved.
    """
    now = now or timezone.now()
    purchase_order = payment_method == Enrollment.PaymentMethod.PURCHASE_ORDER
    if payment_method not in Enrollment.PaymentMethod.values:
        raise RegistrationError("Choose how you will pay: online or by purchase order.")
    if purchase_order and not purchase_order_number.strip():
        raise RegistrationError("A purchase order needs its PO number.")
    rule = approvals.rule_for(user)
    try:
        approver = approvals.approver_for(rule, user, supervisor_email) if rule else None
    except approvals.ApprovalError as error:
        raise RegistrationError(str(error)) from None
    try:
        with transaction.atomic():
            cohort = Cohort.objects.select_for_update().get(pk=cohort_id)
            if not may_join(cohort, verified_domains(user), invitation):
                raise RegistrationError(
                    f"{cohort.name} is a site cohort: register through the invitation link its facilitator sent you"
                    + (f", or add and confirm your address at {cohort.email_domain}." if cohort.email_domain else ".")
                )
            listing = listing_for(cohort)
            if not listing.registration_open(now):
                raise RegistrationError(
                    f"Registration for {cohort.name} is closed: cohorts that have started cannot be registered for."
                    if cohort.registration == Cohort.Registration.AUTO
                    else f"Registration for {cohort.name} is closed."
                )
            if purchase_order and not listing.purchase_order_open(now):
                raise RegistrationError(
                    f"Purchase orders for {cohort.name} closed on "
                    f"{local_text(listing.deadlines.purchase_order_closes, cohort.time_zone)}. "
                    "You can still register and pay online until the start date."
                )
            if Enrollment.objects.filter(cohort=cohort, user=user).exclude(status=Enrollment.Status.CANCELLED).exists():
                raise RegistrationError(f"You are already registered for {cohort.name}.")
            held = Enrollment.objects.filter(cohort=cohort, status__in=HOLDS_A_SEAT).count()
            status = Enrollment.Status.REGISTERED if held < cohort.capacity else Enrollment.Status.WAITLISTED
            if rule and status == Enrollment.Status.REGISTERED:
                status = Enrollment.Status.AWAITING_APPROVAL
            enrollment = Enrollment.objects.create(
                cohort=cohort,
                user=user,
                status=status,
                payment_method=payment_method,
                purchase_order_number=purchase_order_number.strip() if purchase_order else "",
                billing_contact_name=billing_contact_name.strip() if purchase_order else "",
                billing_contact_email=billing_contact_email.strip() if purchase_order else "",
                paid_at=now if cohort.fee == 0 else None,
            )
            if rule and approver is not None:
                approvals.request_approval(enrollment, rule, approver, listing, now)
            outbox.enqueue("registration.send_registration_confirmation", enrollment.pk)
            if purchase_order and status == Enrollment.Status.REGISTERED and cohort.fee > 0:
                outbox.enqueue("registration.send_invoice", enrollment.pk)
    except IntegrityError:
        # The same person submitting twice at once: the constraint let only one through.
        raise RegistrationError("You are already registered for this cohort.") from None
    return enrollment


def enroll_by_office(
    user: User,
    cohort: Cohort,
    *,
    payment_method: str = PaymentMethod.ONLINE,
    purchase_order_number: str = "",
    paid: bool = True,
    now: datetime | None = None,
) -> Enrollment:
    """The program office places a person in a cohort, whatever its deadlines say (a late
    registrant, a district's list of teachers). Seats still count: a full cohort waitlists
    them. Idempotent: a person already holding a live place keeps it, unchanged.

    Unlike :func:`register_for_cohort`, nothing is e-mailed: the office tells people itself.
    """
    now = now or timezone.now()
    if payment_method not in PaymentMethod.values:
        raise RegistrationError("Choose how the place is paid: online or by purchase order.")
    purchase_order = payment_method == PaymentMethod.PURCHASE_ORDER
    if purchase_order and not purchase_order_number.strip():
        raise RegistrationError("A purchase order needs its PO number.")
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        live = Enrollment.objects.filter(cohort=cohort, user=user).exclude(status=Enrollment.Status.CANCELLED).first()
        if live is not None:
            return live
        held = Enrollment.objects.filter(cohort=cohort, status__in=HOLDS_A_SEAT).count()
        return Enrollment.objects.create(
            cohort=cohort,
            user=user,
            status=Enrollment.Status.REGISTERED if held < cohort.capacity else Enrollment.Status.WAITLISTED,
            payment_method=payment_method,
            purchase_order_number=purchase_order_number.strip() if purchase_order else "",
            paid_at=now if paid or cohort.fee == 0 else None,
        )


def cancel_enrollment(
    enrollment: Enrollment, now: datetime | None = None, *, tell: str | None = None
) -> Enrollment | None:
    """Cancel a place; a freed seat goes to the first person on the waitlist, who is emailed.

    ``tell``: who cancelled, when the person is to be e-mailed that it is done and what happens to their money
    ("person": they did; "office": the program office did). Left out where another e-mail says why the place
    ended (an expired checkout, a declined or lapsed approval).

    Returns the promoted enrollment, if any.
    """
    now = now or timezone.now()
    if tell not in (None, "person", "office"):
        raise ValueError(f"tell={tell!r}: the person or the office cancels")
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=enrollment.cohort_id)
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        if enrollment.status == Enrollment.Status.CANCELLED:
            return None
        freed_a_seat = enrollment.status in HOLDS_A_SEAT
        enrollment.status = Enrollment.Status.CANCELLED
        enrollment.cancelled_at = now
        enrollment.save(update_fields=["status", "cancelled_at"])
        if tell:
            outbox.enqueue("registration.send_cancellation", enrollment.pk, tell)
        Approval.objects.filter(enrollment=enrollment, decision=Approval.Decision.PENDING).update(
            decision=Approval.Decision.WITHDRAWN, decided_at=now
        )
        if not freed_a_seat:
            return None
        promoted = (
            Enrollment.objects.filter(cohort_id=enrollment.cohort_id, status=Enrollment.Status.WAITLISTED)
            .order_by("created_at", "id")
            .first()
        )
        if promoted is None:
            return None
        waiting = Approval.objects.filter(enrollment=promoted, decision=Approval.Decision.PENDING).exists()
        promoted.status = Enrollment.Status.AWAITING_APPROVAL if waiting else Enrollment.Status.REGISTERED
        promoted.save(update_fields=["status"])
        outbox.enqueue("registration.send_waitlist_promotion", promoted.pk)
        if waiting:
            return promoted  # billed once approved
        if promoted.payment_method == Enrollment.PaymentMethod.PURCHASE_ORDER and not promoted.is_paid:
            outbox.enqueue("registration.send_invoice", promoted.pk)
        return promoted


def start_online_payment(enrollment: Enrollment) -> str:
    """Open a checkout with the configured provider; returns the URL to send the payer to."""
    if enrollment.status != Enrollment.Status.REGISTERED:
        raise PaymentError("Only a registered place can be paid for (not a waitlisted or cancelled one).")
    if enrollment.is_paid:
        raise PaymentError("This registration is paid already.")
    if not online_payment_available():
        raise PaymentError("Online payment is not available: pay by purchase order (the program office can help).")
    provider = get_provider()
    payment = Payment.objects.create(
        enrollment=enrollment,
        provider=provider.name,
        reference=uuid.uuid4().hex,
        amount=enrollment.cohort.fee,
    )
    return provider.start_checkout(payment)


def complete_online_payment(
    reference: str,
    data: Mapping[str, Any],
    now: datetime | None = None,
    payment_intent: str | None = "",
    checkout_id: str | None = None,
) -> Payment:
    """Mark a payment paid once its provider vouches for it. Idempotent. A payment marked failed (its
    checkout expired) is still marked paid if the provider vouches for it after all: the money came.
    ``checkout_id``: the provider's checkout that was paid; another than the payment's own changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("enrollment").get(reference=reference)
        if not _its_checkout(payment, checkout_id):
            raise NotItsCheckout(f"checkout {checkout_id!r} is not the one payment {reference!r} opened")
        if payment.status in (Payment.Status.PAID, Payment.Status.REFUNDED):
            return payment
        try:
            confirmed = get_provider(payment.provider).confirm(payment, data)
        except LookupError:
            confirmed = False
        if confirmed:
            if payment_intent:
                payment.payment_intent = payment_intent
                payment.save(update_fields=["payment_intent"])
            _record_payment(payment, now)
        else:
            payment.status = Payment.Status.FAILED
            payment.save(update_fields=["status"])
    if not confirmed:
        raise PaymentError("The payment could not be confirmed; nothing was charged.")
    return payment


def mark_purchase_order_paid(enrollment: Enrollment, now: datetime | None = None) -> Payment | None:
    """The program office received payment for a purchase order. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        if enrollment.payment_method != Enrollment.PaymentMethod.PURCHASE_ORDER:
            raise PaymentError("This registration is not paid by purchase order.")
        if enrollment.is_paid:
            return enrollment.payments.filter(status=Payment.Status.PAID).first()
        payment = Payment.objects.create(
            enrollment=enrollment,
            provider=Enrollment.PaymentMethod.PURCHASE_ORDER,
            reference=f"po-{enrollment.pk}-{uuid.uuid4().hex[:8]}",
            amount=enrollment.cohort.fee,
        )
        _record_payment(payment, now)
    return payment


def end_unpaid_checkout(reference: str, now: datetime | None = None, checkout_id: str | None = None) -> str:
    """A checkout that expired, or whose payment failed: the seat was held only until then. The payment
    is marked failed and, unless a newer checkout is under way, the unpaid place is released (the first
    on the waitlist gets it) and the participant is told they may register again. Only a pending payment
    changes: a late "expired" after "completed" leaves the paid one alone, and so does the end of another
    checkout than the payment's own (``checkout_id``)."""
    now = now or timezone.now()
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("enrollment").filter(reference=reference).first()
        if payment is not None and not _its_checkout(payment, checkout_id):
            return "not its checkout"
        if payment is None or payment.status != Payment.Status.PENDING:
            return "not pending"
        payment.status = Payment.Status.FAILED
        payment.save(update_fields=["status"])
        enrollment = payment.enrollment
        newer = enrollment.payments.filter(status=Payment.Status.PENDING).exclude(pk=payment.pk).exists()
        if (
            newer
            or enrollment.is_paid
            or enrollment.payment_method != PaymentMethod.ONLINE
            or enrollment.status != Enrollment.Status.REGISTERED
        ):
            return "failed"
        cancel_enrollment(enrollment, now=now)
        outbox.enqueue("registration.send_checkout_expired", enrollment.pk)
    return "released"


def record_refund(payment_intent: str | None, now: datetime | None = None) -> bool:
    """The provider says the money went back (a refund made here or in its dashboard). Idempotent."""
    now = now or timezone.now()
    if not payment_intent:
        return False
    with transaction.atomic():
        payment = Payment.objects.select_for_update().filter(payment_intent=payment_intent).first()
        if payment is None or payment.status != Payment.Status.PAID:
            return False
        _record_refund(payment, now)
    return True


def refund_cancelled_payment(payment: Payment, by: User | None = None, now: datetime | None = None) -> Payment:
    """The program office (``by``) gives back the payment of a cancelled registration: through its provider,
    or, for a purchase order, records that the office sent it back itself. A provider that confirms later
    (Stripe's webhook) marks it refunded then; the request is recorded now, so the office sees it asked."""
    now = now or timezone.now()
    payment = Payment.objects.select_related("enrollment").get(pk=payment.pk)
    if payment.status != Payment.Status.PAID:
        raise PaymentError("Only a paid payment is refunded.")
    if payment.enrollment.status != Enrollment.Status.CANCELLED:
        raise PaymentError("Cancel the registration first: a refund is for a place given up.")
    later = False
    # A purchase order's money is sent back by the office itself; a test payment charged nothing (and the test
    # provider may be off by now): both are recorded as given.
    if payment.provider not in (PaymentMethod.PURCHASE_ORDER, TestCheckoutProvider.name):
        try:
            provider = get_provider(payment.provider)
            provider.refund(payment)
        except (LookupError, NotImplementedError) as error:
            raise PaymentError(str(error)) from None
        except stripe.StripeError as error:
            raise PaymentError(f"Stripe refused the refund: {error.user_message or error}") from None
        later = provider.refund_confirmed_later
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != Payment.Status.PAID:
            return payment  # the provider's confirmation came first
        payment.refund_requested_at = payment.refund_requested_at or now
        payment.refunded_by = by
        payment.save(update_fields=["refund_requested_at", "refunded_by"])
        if not later:
            _record_refund(payment, now)
    return payment


def _record_refund(payment: Payment, now: datetime) -> None:
    """The money went back: the payment says refunded (no longer paid) and the person is told, once."""
    _settle(payment, Payment.Status.REFUNDED, refunded_at=now)
    outbox.enqueue("registration.send_refund_notice", payment.pk)


def _settle(payment: Payment, status: str, **when: datetime) -> None:
    """A payment's new state and its time; its enrollment counts as paid while the payment does."""
    payment.status = status
    for name, moment in when.items():
        setattr(payment, name, moment)
    payment.save(update_fields=["status", *when])
    Enrollment.objects.filter(pk=payment.enrollment_id).update(paid_at=when.get("paid_at"))


def _record_payment(payment: Payment, now: datetime) -> None:
    _settle(payment, Payment.Status.PAID, paid_at=now)
    outbox.enqueue("registration.send_receipt", payment.pk)
    # Paid after access opened: welcome them now rather than at the next periodic run.
    outbox.enqueue("registration.release_course_access")


def give_facilitators_the_role(
    sender: object, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: object
) -> None:  # instance: the user when reverse, else the cohort
    """Whoever is made a cohort's facilitator holds the Facilitator role: what a facilitator may
    see is decided by the role first (no query for everyone else), then by their cohorts.
    Connected to changes of ``Cohort.facilitators``, whichever side adds."""
    if action != "post_add" or not pk_set:
        return
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from pd_platform.accounts import roles

    role = Group.objects.filter(name=roles.FACILITATOR).first()
    if role is None:  # a restore in progress: the groups and their members come with the data
        return
    users = [instance] if reverse else list(get_user_model().objects.filter(pk__in=pk_set))
    for user in users:
        user.groups.add(role)
        if hasattr(user, "_role_names"):
            roles.remember_roles(user, {*user._role_names, roles.FACILITATOR})
