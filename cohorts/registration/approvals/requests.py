"""Asking for a district's approval: who approves a person's registration, the request made in the
registration's transaction, the signed link the approver answers through, and what is still waiting.
The answers (``decide``, ``lapse_overdue``) are in ``approvals.services``."""

import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from pd_platform import outbox
from pd_platform.accounts.addresses import domain_of, is_plain, same_mailbox

from ..deadlines import approval_due
from ..models import Approval, ApprovalRule, Enrollment
from ..selectors import closed_days_between

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
    outbox.enqueue("registration.send_approval_request", approval.pk)
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


def pending_approvals(limit=10):
    """For the program office: requests still waiting, soonest due first, and how many there are."""
    queryset = (
        Approval.objects.filter(decision=Approval.Decision.PENDING)
        .select_related("enrollment__user", "enrollment__cohort")
        .order_by("due_at", "pk")
    )
    return list(queryset[:limit]), queryset.count()
