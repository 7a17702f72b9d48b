import hashlib

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pd_platform.accounts import roles
from pd_platform.export_views import start_and_show

from . import embedded, exports, selectors, sharing, signing, throttle, transcript
from .credentials import open_badges as credentials

MAX_UPLOAD = 20 * 1024 * 1024


@require_http_methods(["GET", "POST"])
def verify(request, code=""):
    """Public: is this certificate genuine? By its code (the QR link) or by its PDF."""
    context = {"code": code, "certificate": None, "upload": None, "signature_level": signing.signature_level()}
    if code:
        if throttle.too_many_guesses(request):
            return render(request, "certificates/verify.html", {**context, "throttled": True}, status=429)
        certificate = selectors.certificate_by_code(code)
        if certificate is None:
            throttle.count_guess(request)
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
    organization = credentials.organization_name()
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


def _transcript_response(request, person):
    """The transcript's page, its CSV (direct: small, see exports.py) or its signed PDF (built in the background)."""
    fmt = request.GET.get("format")
    if fmt == "pdf":
        return start_and_show(request, exports.TRANSCRIPT_PDF, {"person": person.pk})
    data = transcript.transcript_of(person)
    if fmt == "csv":
        response = HttpResponse(transcript.csv_text(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{exports.transcript_name(person)}.csv"'
        return response
    own = person.pk == request.user.pk
    here = reverse("certificates:transcript") if own else reverse("certificates:transcript_for", args=[person.pk])
    return render(request, "certificates/transcript.html", {"t": data, "own": own, "here": here})


@login_required
def my_transcript(request):
    """The participant's own PD transcript (page, CSV, signed PDF)."""
    return _transcript_response(request, request.user)


@login_required
def transcript_for(request, user_id):
    """An admin produces anyone's transcript (licence renewal, salary schedule); nobody else may."""
    if not roles.is_admin(request.user):
        raise Http404
    return _transcript_response(request, get_object_or_404(get_user_model(), pk=user_id))


@login_required
def transcript_lookup(request):
    """Admins: the transcript of the person with this e-mail address (its page, CSV or PDF)."""
    if not roles.is_admin(request.user):
        raise Http404
    person = get_user_model().objects.filter(email__iexact=(request.GET.get("email") or "").strip()).first()
    if person is None:
        messages.error(request, "No one has that e-mail address.")
        return redirect("certificates_admin")
    return _transcript_response(request, person)
