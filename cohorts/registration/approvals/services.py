"""The approver's answer, or none in time: each one transaction that locks the cohort first, so a decision,
a lapse and a cancellation never cross."""

from django.db import transaction
from django.utils import timezone

from pd_platform import outbox

from ..models import Approval, Cohort, Enrollment
from ..services import cancel_enrollment
from .requests import ApprovalError, answerable, refusal_for


def decide(approval_id: int, approve: bool, reason: str = "", now=None, answered_by=None) -> Approval:
    """The approver's answer, once, before the request is due; never the teacher's (``refusal_for``).

    Locks the cohort, then the approval: a decision and a lapse or a cancellation never cross.
    Approved, a place holding its seat becomes registered (a waitlisted one keeps its turn, approved);
    declined, the place is cancelled and its seat offered to the waitlist."""
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
                outbox.enqueue("registration.send_invoice", enrollment.pk)
        elif not approve:
            cancel_enrollment(enrollment, now=now)
        outbox.enqueue("registration.send_approval_outcome", approval.pk)
    return approval


def lapse_overdue(now=None) -> int:
    """Requests nobody answered by their due time lapse: the place is cancelled, its seat released,
    the teacher and the approver told. Idempotent; returns how many lapsed."""
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
            outbox.enqueue("registration.send_approval_outcome", approval.pk)
            lapsed += 1
    return lapsed
