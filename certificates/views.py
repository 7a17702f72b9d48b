import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from pd_platform.accounts import roles

from . import embedded, selectors, sharing, signing, throttle

MAX_UPLOAD = 20 * 1024 * 1024


def _too_many_guesses(request):
    return throttle.so_far(request, "guesses") >= settings.CERTIFICATE_VERIFY_GUESSES


def _count_guess(request):
    throttle.count(request, "guesses", 600)


@require_http_methods(["GET", "POST"])
def verify(request, code=""):
    """Public: is this certificate genuine? By its code (the QR link) or by its PDF."""
    context = {"code": code, "certificate": None, "upload": None}
    if code:
        if _too_many_guesses(request):
            return render(request, "certificates/verify.html", {**context, "throttled": True}, status=429)
        certificate = selectors.certificate_by_code(code)
        if certificate is None:
            _count_guess(request)
            return render(request, "certificates/verify.html", {**context, "unknown": True}, status=404)
        context["certificate"] = certificate
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if upload is None:
            context["upload_error"] = "Choose the certificate's PDF file to check."
        elif upload.size > MAX_UPLOAD:
            context["upload_error"] = "That file is larger than any certificate we issue."
        else:
            data = upload.read()
            check = signing.check_signature(data)
            match = selectors.certificate_by_sha256(hashlib.sha256(data).hexdigest())
            context["upload"] = {
                "check": check,
                "certificate": match,
                "name": upload.name,
                "credential": embedded.check_embedded_credential(data, match),
            }
    return render(request, "certificates/verify.html", context)


def verify_form(request):
    """The verify page without a code: look one up or upload a PDF."""
    code = request.GET.get("code", "").strip()
    if code:
        return verify(request, code)
    return verify(request)


@login_required
def mine(request):
    from modules.models import ProgramContactSettings

    organization = ProgramContactSettings.load().organization_name or settings.CERTIFICATE_ISSUER
    certificates = list(selectors.certificates_of(request.user))
    for certificate in certificates:
        certificate.linkedin_url = sharing.linkedin_add_url(certificate, organization)
    return render(request, "certificates/mine.html", {"certificates": certificates})


@login_required
def download(request, code):
    certificate = selectors.certificate_by_code(code)
    if certificate is None or not certificate.is_ready:
        raise Http404
    if certificate.enrollment.user_id != request.user.pk and not roles.is_admin(request.user):
        raise Http404
    return FileResponse(
        certificate.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"certificate-{certificate.code}.pdf",
    )
