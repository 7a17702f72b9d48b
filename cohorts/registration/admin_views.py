from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import refunds as refund_book
from . import services
from .models import Enrollment, Payment


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
def cancel_place(request, enrollment_id):
    """The office cancels a place after reading what happens to its money; the person is e-mailed."""
    enrollment = get_object_or_404(Enrollment.objects.select_related("user", "cohort__program"), pk=enrollment_id)
    if enrollment.status == Enrollment.Status.CANCELLED:
        messages.info(request, f"{enrollment.user}'s place in {enrollment.cohort} was cancelled already.")
        return redirect("wagtailsnippets_cohorts_enrollment:list")
    money = refund_book.money_of(enrollment)
    if request.method == "POST":
        services.cancel_enrollment(enrollment, tell="office")
        messages.success(
            request,
            f"{enrollment.user}'s place in {enrollment.cohort} is cancelled and they are e-mailed."
            + (" The refund is owed: give it below." if money.owed else ""),
        )
        return redirect("cohorts_refunds" if money.owed else "wagtailsnippets_cohorts_enrollment:list")
    return TemplateResponse(request, "cohorts/admin/cancel_place.html", {"enrollment": enrollment, "money": money})


@permission_required("cohorts.change_enrollment", raise_exception=True)
def refunds(request):
    """Cancelled registrations whose payment is still kept, each refunded with one click, and the refunds given."""
    return TemplateResponse(
        request,
        "cohorts/admin/refunds.html",
        {"payments": refund_book.refunds_owed(), "done": refund_book.refunds_done()},
    )


@require_POST
@permission_required("cohorts.change_enrollment", raise_exception=True)
def refund(request, payment_id):
    payment = get_object_or_404(Payment, pk=payment_id)
    try:
        payment = services.refund_cancelled_payment(payment, by=request.user)
    except services.PaymentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Refund of ${payment.amount} to {payment.enrollment.user} requested: Stripe confirms it shortly, and "
            "they are e-mailed then."
            if payment.status == Payment.Status.PAID
            else f"${payment.amount} refunded to {payment.enrollment.user}; they are e-mailed.",
        )
    return redirect("cohorts_refunds")
