from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cohorts.registration.selectors import facilitated_cohort, reviewable_cohorts
from cohorts.workshops.selectors import runs_workshops
from pd_platform.accounts import roles
from pd_platform.shortcuts import or_404

from . import selectors, services, trainers
from .forms import InviteForm, SiteCohortRequestForm
from .models import SiteCohortRequest


@login_required
def request_site_cohort(request):
    certificate = trainers.trainer_certificate(request.user)
    form = SiteCohortRequestForm(request.POST or None, initial={"site": request.user.school})
    if request.method == "POST" and form.is_valid():
        try:
            trainers.request_site_cohort(
                request.user,
                form.cleaned_data["site"],
                form.cleaned_data["first_date"],
                form.cleaned_data["expected_size"],
                form.cleaned_data["email_domain"],
            )
        except trainers.TrainerError as error:
            form.add_error(None, str(error))
        else:
            smallest = trainers.smallest_group()
            messages.success(
                request,
                "Your request is sent: the program office decides it and e-mails you."
                if form.cleaned_data["expected_size"] >= smallest
                else f"Your request is sent. The series runs for groups of {smallest} or more: the program office "
                "approves a smaller group only as an exception, and e-mails you its decision.",
            )
            return redirect("certificates:request_site_cohort")
    return render(
        request,
        "certificates/site_cohort_request.html",
        {
            "certificate": certificate,
            "form": form,
            "requests": SiteCohortRequest.objects.filter(trainer=request.user).select_related("cohort"),
        },
    )


@login_required
def site_requests(request):
    if not roles.is_admin(request.user):
        raise PermissionDenied
    return render(
        request,
        "certificates/site_requests.html",
        {
            "requests": SiteCohortRequest.objects.select_related("trainer", "cohort", "certificate", "decided_by"),
            "smallest": trainers.smallest_group(),
        },
    )


@login_required
@require_POST
def decide_site_request(request, pk):
    if not roles.is_admin(request.user):
        raise PermissionDenied
    site_request = get_object_or_404(SiteCohortRequest.objects.select_related("trainer"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        decided = services.decide_site_request(
            site_request, request.user, approve, request.POST.get("reason", "")[:1000]
        )
    except trainers.TrainerError as error:
        messages.error(request, str(error))
    else:
        if approve:
            messages.success(
                request, f"Approved: {decided} with {site_request.trainer.full_name} facilitating; they are e-mailed."
            )
        else:
            messages.info(request, f"Declined: {site_request.site}; {site_request.trainer.full_name} is e-mailed why.")
    return redirect("certificates:site_requests")


@login_required
def invite(request, cohort_id):
    cohort = or_404(facilitated_cohort(request.user, cohort_id))
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = trainers.invite_teachers(cohort, form.cleaned_data["emails"], request.user)
        except trainers.TrainerError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{sent} invitation{'s' if sent != 1 else ''} sent.")
            return redirect("certificates:invite", cohort.pk)
    return render(
        request,
        "certificates/invite.html",
        {
            "cohort": cohort,
            "form": form,
            "invitation_url": trainers.invitation_url(cohort),
            "pay_sentence": trainers.training_pay_sentence(cohort),
        },
    )


@login_required
def cohort_progress(request):
    """Each cohort's progress as bars: registered, attending, online learning complete, certified."""
    cohorts = reviewable_cohorts(request.user)
    if not (roles.is_admin(request.user) or roles.is_facilitator(request.user)):
        raise PermissionDenied
    rows = selectors.cohort_funnel(cohorts)
    for row in rows:  # an online-only course has no workshops to attend
        row.runs_workshops = runs_workshops(row.program)
    return render(request, "certificates/cohort_progress.html", {"rows": rows})
