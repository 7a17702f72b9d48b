from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from modules.models import CoursePage, WorkshopSeriesPage
from pd_platform import homes
from pd_platform.accounts import roles
from pd_platform.sanitize import plain_text
from pd_platform.shortcuts import or_404

from . import documents, invitations, payments, refunds, selectors, services, stripe_events
from .approvals import requests as approvals
from .approvals import services as approval_services
from .forms import ApprovalForm, RegistrationForm
from .models import Enrollment, Payment


@require_GET
def api_cohorts(request):
    """Public, read-only: the open cohorts of every program, for districts' own sites."""
    data = [
        {
            "id": item.cohort.pk,
            "course_title": item.cohort.program.title,
            "name": item.cohort.name,
            "start": item.cohort.start_date.isoformat(),
            "end": item.cohort.end_date.isoformat(),
            "time_zone": item.cohort.time_zone,
            "seats_left": item.seats_left,
            "online_registration_closes": item.deadlines.online_registration_closes.isoformat(),
            "purchase_order_closes": item.deadlines.purchase_order_closes.isoformat(),
            "access_opens": item.deadlines.access_opens.isoformat(),
        }
        for item in selectors.open_cohorts()
    ]
    response = JsonResponse({"cohorts": data})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60"
    return response


@login_required
def register(request, program_id):
    program = get_object_or_404(Page.objects.live().type(CoursePage, WorkshopSeriesPage), pk=program_id).specific
    now = timezone.now()
    invitation = request.GET.get("invitation", "")[:64]
    listings = selectors.open_cohorts(now, program=program, user=request.user, invitation=invitation)
    online_available = payments.online_payment_available()
    listings, unpayable = selectors.payable(listings, now, online_available)
    rule = approvals.rule_for(request.user)
    form = RegistrationForm(
        request.POST or None,
        listings=listings,
        now=now,
        online_available=online_available,
        approval_rule=rule,
        names_a_supervisor=rule is not None and approvals.names_a_supervisor(rule, request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            enrollment = services.register_for_cohort(
                request.user,
                int(form.cleaned_data["cohort"]),
                form.cleaned_data.get("payment_method") or Enrollment.PaymentMethod.ONLINE,
                purchase_order_number=form.cleaned_data.get("purchase_order_number", ""),
                billing_contact_name=form.cleaned_data.get("billing_contact_name", ""),
                billing_contact_email=form.cleaned_data.get("billing_contact_email", ""),
                invitation=invitation,
                supervisor_email=form.cleaned_data.get("supervisor_email") or "",
                now=now,
            )
        except services.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            if enrollment.status == enrollment.Status.AWAITING_APPROVAL:
                messages.info(
                    request,
                    f"Your seat in {enrollment.cohort.name} is held: we asked "
                    f"{enrollment.approval.approver} to approve your registration, and will "
                    "email you their answer. Nothing is billed before then.",
                )
            elif enrollment.status == enrollment.Status.WAITLISTED:
                messages.info(
                    request,
                    f"{enrollment.cohort.name} is full: you are on its waitlist. We will email you if a place opens.",
                )
            elif enrollment.payment_method == enrollment.PaymentMethod.PURCHASE_ORDER or enrollment.is_paid:
                messages.success(
                    request,
                    f"You are registered for {enrollment.cohort.name}. A confirmation is on its way to {request.user.email}.",
                )
            else:
                return redirect(services.start_online_payment(enrollment))
            return redirect("cohorts:my_courses")
    return render(
        request,
        "cohorts/register.html",
        {"program": program, "form": form, "listings": listings, "unpayable": unpayable, "now": now},
    )


def approval(request, token):
    """The approver's page, reached by the signed link in their e-mail: no account, one answer, and
    never the teacher's own (``approvals.refusal_for``)."""
    item = approvals.approval_from_token(token)
    if item is None:
        return render(request, "cohorts/approval_unknown.html", status=404)
    refusal = approvals.refusal_for(item, request.user)
    form = ApprovalForm(None if refusal else request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            approval_services.decide(
                item.pk,
                form.cleaned_data["decision"] == "approve",
                form.cleaned_data["reason"],
                answered_by=request.user,
            )
        except approvals.ApprovalError as error:
            form.add_error(None, str(error))
        else:
            return redirect("cohorts:approval", token)
        item.refresh_from_db()
    return render(
        request,
        "cohorts/approval.html",
        {
            "approval": item,
            "enrollment": item.enrollment,
            "cohort": item.enrollment.cohort,
            "form": form,
            "refusal": refusal,
            "pending": approvals.answerable(item, timezone.now()),
        },
        status=403 if refusal else 200,
    )


def join(request, invitation):
    """An invitation link to one cohort (a site cohort's way in): its program's registration, that cohort offered."""
    cohort = selectors.cohort_by_invitation(invitation)
    if cohort is None:
        return render(request, "cohorts/invitation_unknown.html", status=404)
    invitations.remember_invitation(request, cohort)  # kept through sign-up and e-mail confirmation
    return redirect(invitations.registration_url(cohort))


@login_required
def my_courses(request):
    enrollments = list(selectors.enrollments_of(request.user))
    rows = selectors.my_course_rows(enrollments)
    extras = homes.course_extras(request.user, rows)
    steps = homes.next_steps(request.user, rows)  # the same next step as the person's home says
    for row in rows:
        row.links = extras.links.get(row.enrollment.pk, [])
        row.next = steps.get(row.enrollment.pk)
    facilitator = not rows and roles.is_facilitator(request.user)
    return render(request, "cohorts/my_courses.html", {"rows": rows, "notes": extras.notes, "facilitator": facilitator})


@login_required
def cancel(request, enrollment_id):
    """A person cancels their own place, once they have read what happens to their money."""
    enrollment = or_404(selectors.enrollment_of(request.user, enrollment_id))
    if enrollment.status == enrollment.Status.CANCELLED:
        return redirect("cohorts:my_courses")
    if request.method != "POST":
        money = refunds.money_of(enrollment)
        return render(request, "cohorts/cancel.html", {"enrollment": enrollment, "money": money})
    services.cancel_enrollment(enrollment, tell="person")
    messages.success(request, f"Your place in {enrollment.cohort.name} is cancelled; we e-mailed you what follows.")
    return redirect("cohorts:my_courses")


@login_required
@require_POST
def pay(request, enrollment_id):
    enrollment = or_404(selectors.enrollment_of(request.user, enrollment_id))
    try:
        return redirect(services.start_online_payment(enrollment))
    except services.PaymentError as error:
        messages.error(request, str(error))
        return redirect("cohorts:my_courses")


@login_required
def test_checkout(request, reference):
    """The test provider's checkout page: stands in for a card processor's hosted page."""
    if not payments.test_provider_allowed():
        raise Http404
    payment = get_object_or_404(
        Payment.objects.select_related("enrollment__cohort__program"),
        reference=plain_text(reference),
        provider=payments.TestCheckoutProvider.name,
        enrollment__user=request.user,
    )
    if request.method == "POST":
        if "cancel" in request.POST:
            messages.info(request, "Payment cancelled; nothing was charged. You can pay from My courses.")
            return redirect("cohorts:my_courses")
        try:
            services.complete_online_payment(reference, request.POST)
        except services.PaymentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Payment received. You are registered for {payment.enrollment.cohort.name}; your receipt is on its way.",
            )
        return redirect("cohorts:my_courses")
    return render(
        request,
        "cohorts/test_checkout.html",
        {"payment": payment, "token": payments.TestCheckoutProvider().token_for(payment)},
    )


@login_required
def invoice(request, enrollment_id):
    enrollment = selectors.enrollment_of(request.user, enrollment_id)
    if enrollment is None or not selectors.invoice_available(enrollment):
        raise Http404
    response = HttpResponse(documents.invoice_pdf(enrollment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.invoice_number(enrollment)}.pdf"'
    return response


@login_required
def receipt(request, enrollment_id):
    """The receipt of a person's own paid registration, as e-mailed: downloadable again from My courses."""
    enrollment = selectors.enrollment_of(request.user, enrollment_id)
    payment = or_404(selectors.paid_payment(enrollment) if enrollment else None)
    response = HttpResponse(documents.receipt_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.receipt_number(payment)}.pdf"'
    return response


@csrf_exempt  # Stripe cannot send a CSRF token: the signature is the proof, checked before anything
@require_POST
def stripe_webhook(request):
    """Stripe's events: verified, stored once, handled; anything else refused with 400 and logged."""
    try:
        event = stripe_events.verify(request.body, request.headers.get("Stripe-Signature", ""))
    except stripe_events.InvalidEvent as error:
        stripe_events.logger.warning("stripe webhook refused: %s", error)
        return HttpResponse(f"Refused: {error}", status=400, content_type="text/plain")
    return HttpResponse(stripe_events.handle(event), content_type="text/plain")
