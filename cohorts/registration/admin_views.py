from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import Enrollment, Payment
from .payments import get_provider


@permission_required("cohorts.change_enrollment", raise_exception=True)
def purchase_orders(request):
    """Registrations billed by purchase order, unpaid first."""
    enrollments = (
        Enrollment.objects.filter(payment_method=Enrollment.PaymentMethod.PURCHASE_ORDER)
        .exclude(status=Enrollment.Status.CANCELLED)
        .select_related("user", "cohort", "cohort__program")
        .order_by("paid_at", "cohort__start_date", "created_at")[:500]
    )
    return TemplateResponse(request, "cohorts/admin/purchase_orders.html", {"enrollments": enrollments})


@require_POST
@permission_required("cohorts.change_enrollment", raise_exception=True)
def mark_paid(request, enrollment_id):
    enrollment = get_object_or_404(Enrollment, pk=enrollment_id)
    try:
        services.mark_purchase_order_paid(enrollment)
    except services.PaymentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"PO {enrollment.purchase_order_number} of {enrollment.user} marked paid; a receipt is emailed."
        )
    return redirect("cohorts_purchase_orders")


@permission_required("cohorts.change_enrollment", raise_exception=True)
def refunds(request):
    """Cancelled registrations whose online payment is still kept: each refunded with one click."""
    return TemplateResponse(request, "cohorts/admin/refunds.html", {"payments": selectors.refunds_owed()})


@require_POST
@permission_required("cohorts.change_enrollment", raise_exception=True)
def refund(request, payment_id):
    payment = get_object_or_404(Payment, pk=payment_id)
    try:
        services.refund_cancelled_payment(payment)
    except services.PaymentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Refund of ${payment.amount} to {payment.enrollment.user} requested"
            + (": the provider confirms it shortly." if get_provider(payment.provider).refund_confirmed_later else "."),
        )
    return redirect("cohorts_refunds")
