"""A district's approval of a registration: asked for at registration, answered once by the approver
through a signed link (no account needed), or lapsed when nobody answers in time.

While the request waits, the place holds its seat (``HOLDS_A_SEAT``) but opens no course, invoice
or payment. Approved, it counts as any registration; declined or lapsed, it is cancelled and the
seat goes to the waitlist. Everyone is told the outcome.
"""

import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from pd_platform import outbox
from pd_platform.accounts.addresses import domain_of, is_plain, same_mailbox

from .deadlines import approval_due
from .models import Approval, ApprovalRule, Cohort, Enrollment
from .selectors import closed_days_between

logger = logging.getLogger(__name__)
SALT = "cohorts.registration.approval"


class ApprovalError(Exception):
    """Something the approver or the participant must be told: nothing was changed."""


def rule_for(user) -> ApprovalRule | None:
    """The approval rule of the person's district, if it approves PD first: the district as the platform
    knows it (``districts``), never as the person typed it."""
    if user is None or user.pk is None:
        return None
    return ApprovalRule.objects.select_related("district").filter(district__memberships__user=user).first()


def own_addresses(user) -> list[str]:
    """Every address on the person's account, confirmed or not: none of them approves their registrations."""
    return [user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)]


def names_a_supervisor(rule: ApprovalRule, user) -> bool:
    """Whether the person names who approves: where supervisors approve, and when the coordinator who
    approves everyone else registers herself."""
    return not rule.coordinator_approves or same_mailbox(rule.coordinator_email, own_addresses(user))


def approver_for(rule: ApprovalRule, user, supervisor_email: str) -> tuple[str, str]:
    """Who approves: the district's coordinator, or the supervisor the person names. A supervisor's address
    is at one of the district's domains or is the coordinator's, and never lands in the person's own mailbox
    (``carol+boss@`` is carol's, and so is any address on her account)."""
    own = own_addresses(user)
    if rule.coordinator_approves and not same_mailbox(rule.coordinator_email, own):
        return rule.coordinator_email, rule.coordinator_name
    supervisor_email = supervisor_email.strip().lower()
    if not supervisor_email:
        raise ApprovalError(
            f"{rule.district} approves professional development before a registration counts: "
            "give your supervisor's e-mail address."
        )
    try:
        validate_email(supervisor_email)
    except ValidationError:
        raise ApprovalError(f"Not an e-mail address: {supervisor_email!r}.") from None
    if not is_plain(supervisor_email):
        raise ApprovalError("Give your supervisor's address as it is, without quotes or routing (name@district.org).")
    if same_mailbox(supervisor_email, own):
        raise ApprovalError(
            "That address lands in your own mailbox: someone other than you approves your registration. "
            "Give your supervisor's address."
        )
    if rule.coordinator_email and same_mailbox(supervisor_email, [rule.coordinator_email]):
        return rule.coordinator_email, rule.coordinator_name
    domains = rule.district.domain_names()
    if domain_of(supervisor_email) not in domains:
        raise ApprovalError(supervisor_outside_the_district(rule, domains))
    return supervisor_email, ""


def supervisor_outside_the_district(rule: ApprovalRule, domains) -> str:
    coordinator = f"its PD coordinator's address ({rule.coordinator_email})" if rule.coordinator_email else ""
    if not domains:
        return f"{rule.district} has no e-mail domain on file for supervisors' addresses: " + (
            f"give {coordinator}, or ask the program office." if coordinator else "ask the program office."
        )
    at = " or ".join(f"@{domain}" for domain in domains)
    return (
        f"Your supervisor's address must be at {rule.district}'s domain ({at})"
        + (f", or be {coordinator}" if coordinator else "")
        + ". If your supervisor's address is elsewhere, ask the program office."
    )


def refusal_for(approval: Approval, user) -> str:
    """Why this person may not answer this request ('' when they may). The teacher never answers her own:
    not signed in as herself, and not when the approver's address has turned out to be one of hers."""
    teacher = approval.enrollment.user
    if user is not None and user.is_authenticated and user.pk == teacher.pk:
        return "You registered for this place: the person you named answers this request, not you."
    if same_mailbox(approval.approver_email, own_addresses(teacher)):
        return (
            "This request went to an address of the teacher's own, so it cannot be answered here. "
            "The program office sees it waiting."
        )
    return ""


def request_approval(enrollment: Enrollment, rule: ApprovalRule, approver: tuple[str, str], listing, now):
    """Within the registration's transaction: the request, due by the district's business days and
    never after online registration closes; the approver is e-mailed once it commits."""
    closes = listing.deadlines.online_registration_closes
    closed = closed_days_between(now.date(), now.date() + timedelta(days=rule.business_days * 3 + 14))
    approval = Approval.objects.create(
        enrollment=enrollment,
        approver_email=approver[0],
        approver_name=approver[1],
        requested_at=now,
        due_at=approval_due(now, rule.business_days, closes, enrollment.cohort.time_zone, closed),
    )
    outbox.enqueue("cohorts.tasks.send_approval_request", approval.pk)
    return approval


def link_token(approval: Approval) -> str:
    return signing.dumps(approval.pk, salt=SALT)


def approval_from_token(token: str) -> Approval | None:
    """The approval a link names, or None for a link that was altered or never made (logged)."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        logger.warning("approval link refused: bad signature")
        return None
    approval = (
        Approval.objects.select_related(
            "enrollment__user__district_membership__district", "enrollment__cohort__program"
        )
        .filter(pk=pk)
        .first()
    )
    if approval is None:
        logger.warning("approval link refused: approval %s does not exist", pk)
    return approval


def answerable(approval: Approval, now) -> bool:
    """Still waiting for its answer, and not yet due."""
    return approval.decision == Approval.Decision.PENDING and now < approval.due_at


def decide(approval_id: int, approve: bool, reason: str = "", now=None, answered_by=None) -> Approval:
    """The approver's answer, once, before the request is due; never the teacher's (``refusal_for``).

    Locks the cohort, then the approval: a decision and a lapse or a cancellation never cross.
    Approved, a place holding its seat becomes registered (a waitlisted one keeps its turn, approved);
    declined, the place is cancelled and its seat offered to the waitlist."""
    from .services import cancel_enrollment

    now = now or timezone.now()
    reason = reason.strip()
    if not approve and not reason:
        raise ApprovalError("Say why you decline: the teacher reads your reason.")
    if len(reason) > 1000:
        raise ApprovalError("Keep the reason to 1,000 characters.")
    with transaction.atomic():
        cohort_id = Approval.objects.filter(pk=approval_id).values_list("enrollment__cohort_id", flat=True).get()
        Cohort.objects.select_for_update().get(pk=cohort_id)
        approval = Approval.objects.select_for_update().select_related("enrollment__user").get(pk=approval_id)
        if refusal := refusal_for(approval, answered_by):
            raise ApprovalError(refusal)
        if approval.decision != Approval.Decision.PENDING:
            raise ApprovalError(f"This request was answered already: {approval.get_decision_display().lower()}.")
        if approval.enrollment.status == Enrollment.Status.CANCELLED:
            raise ApprovalError("The teacher cancelled this registration: there is nothing to approve.")
        if not answerable(approval, now):
            raise ApprovalError("This request lapsed before it was answered: the seat was released.")
        approval.decision = Approval.Decision.APPROVED if approve else Approval.Decision.DECLINED
        approval.reason = reason
        approval.decided_at = now
        approval.save(update_fields=["decision", "reason", "decided_at"])
        enrollment = approval.enrollment
        if approve and enrollment.status == Enrollment.Status.AWAITING_APPROVAL:
            enrollment.status = Enrollment.Status.REGISTERED
            enrollment.save(update_fields=["status"])
            if enrollment.payment_method == Enrollment.PaymentMethod.PURCHASE_ORDER and not enrollment.is_paid:
                outbox.enqueue("cohorts.tasks.send_invoice", enrollment.pk)
        elif not approve:
            cancel_enrollment(enrollment, now=now)
        outbox.enqueue("cohorts.tasks.send_approval_outcome", approval.pk)
    return approval


def lapse_overdue(now=None) -> int:
    """Requests nobody answered by their due time lapse: the place is cancelled, its seat released,
    the teacher and the approver told. Idempotent; returns how many lapsed."""
    from .services import cancel_enrollment

    now = now or timezone.now()
    lapsed = 0
    overdue = Approval.objects.filter(decision=Approval.Decision.PENDING, due_at__lte=now)
    for approval_id, cohort_id in overdue.values_list("pk", "enrollment__cohort_id"):
        with transaction.atomic():
            Cohort.objects.select_for_update().get(pk=cohort_id)
            approval = Approval.objects.select_for_update().select_related("enrollment").get(pk=approval_id)
            if approval.decision != Approval.Decision.PENDING:
                continue  # answered meanwhile
            approval.decision = Approval.Decision.LAPSED
            approval.decided_at = now
            approval.save(update_fields=["decision", "decided_at"])
            cancel_enrollment(approval.enrollment, now=now)
            outbox.enqueue("cohorts.tasks.send_approval_outcome", approval.pk)
            lapsed += 1
    return lapsed


def pending_approvals(limit=10):
    """For the program office: requests still waiting, soonest due first, and how many there are."""
    queryset = (
        Approval.objects.filter(decision=Approval.Decision.PENDING)
        .select_related("enrollment__user", "enrollment__cohort")
        .order_by("due_at", "pk")
    )
    return list(queryset[:limit]), queryset.count()
