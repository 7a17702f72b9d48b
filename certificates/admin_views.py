"""The program office's certificate desk in the Wagtail admin: thin callers of services."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from cohorts.registration.models import Cohort, Enrollment
from pd_platform.accounts import roles
from pd_platform.export_views import start_and_show
from pd_platform.params import int_or_none
from pd_platform.sanitize import plain_text

from . import exports, selectors, services
from .models import Certificate

admin_only = user_passes_test(roles.is_admin, login_url="account_login")
SHOWN_AT_MOST = 300


@admin_only
def index(request):
    query = plain_text(request.GET.get("q", ""))[:200]
    cohort_id = int_or_none(request.GET.get("cohort"))
    certificates = list(selectors.search_certificates(query, cohort_id)[:SHOWN_AT_MOST])
    live = selectors.enrollments_holding_a_valid_certificate(c.enrollment_id for c in certificates)
    for certificate in certificates:
        certificate.can_reissue = services.can_reissue(certificate, live)
    return TemplateResponse(
        request,
        "certificates/admin/index.html",
        {
            "certificates": certificates,
            "query": query,
            "cohorts": Cohort.objects.select_related("program"),
            "selected_cohort": cohort_id,
            "reason_limit": services.REASON_MAX_CHARACTERS,
            "shown_at_most": SHOWN_AT_MOST,
        },
    )


def _act(request, action, success):
    """Run one certificate action and tell the admin how it went."""
    try:
        result = action()
    except services.CertificateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success(result))
    return redirect("certificates_admin")


@admin_only
@require_POST
def issue(request):
    enrollment = (
        Enrollment.objects.filter(
            cohort_id=int_or_none(request.POST.get("cohort")),
            user__email__iexact=plain_text(request.POST.get("email", "")).strip()[:254],
        )
        .exclude(status=Enrollment.Status.CANCELLED)
        .first()
    )
    if enrollment is None:
        messages.error(request, "No registration of that email address in that cohort.")
        return redirect("certificates_admin")
    return _act(
        request,
        lambda: services.issue_certificate(enrollment, request.user, request.POST.get("reason", "")),
        lambda c: f"Certificate {c.code} issued to {c.full_name}.",
    )


@admin_only
@require_http_methods(["GET", "POST"])
def revoke(request, pk):
    """Revoking asks first, on a page of its own (no script needed): what stops, which hours go, and why."""
    certificate = get_object_or_404(Certificate.objects.select_related("enrollment__user"), pk=pk)
    reason, error = request.POST.get("reason", ""), None
    hours = selectors.hours_credited_by(certificate)
    if request.method == "POST":
        try:
            services.revoke_certificate(certificate, request.user, reason)
        except services.CertificateError as failure:
            error = str(failure)
        else:
            gone = f"; {hours} PD hours are no longer credited" if hours else ""
            messages.success(request, f"Certificate {certificate.code} of {certificate.full_name} revoked{gone}.")
            return redirect(f"{reverse('certificates_admin')}?q={certificate.code}")
    if certificate.status in (Certificate.Status.REVOKED, Certificate.Status.SUPERSEDED):
        messages.error(request, f"Certificate {certificate.code} is already {certificate.status.label.lower()}.")
        return redirect(f"{reverse('certificates_admin')}?q={certificate.code}")
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {
            "certificate": certificate,
            "hours": hours,
            "reason": reason,
            "error": error,
            "reason_limit": services.REASON_MAX_CHARACTERS,
        },
        status=400 if error else 200,
    )


@admin_only
@require_POST
def reissue(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    return _act(
        request,
        lambda: services.reissue_certificate(certificate, request.user, request.POST.get("reason", "")),
        lambda new: f"Re-issued as {new.code} (name now “{new.full_name}”); {certificate.code} is superseded.",
    )


@admin_only
@require_POST
def award_cohort(request, cohort_id):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    awarded = services.award_cohort(cohort)
    messages.success(request, f"Completion engine run over {cohort}: {len(awarded)} hold a certificate.")
    return redirect(f"{reverse('certificates_admin')}?cohort={cohort.pk}")


@admin_only
def cohort_zip(request, cohort_id):
    """The cohort's certificates as one ZIP, built in the background: the office lands on its progress page."""
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    return start_and_show(request, exports.COHORT_ZIP, {"cohort": cohort.pk})
