"""Public, machine-readable doors to certificates: the credential key set, the issuer, each
program's achievement, each certificate's Open Badges credential, the revocation list and the
verification API. Nothing here shows more of a person than the public verify page does."""

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .. import pdf, selectors, throttle
from ..models import Certificate
from . import keys as credential_keys
from . import open_badges as credentials
from . import status_list

JSON_LD = "application/ld+json"


def _json(data, status=200, content_type="application/json", max_age=300):
    response = JsonResponse(data, status=status, content_type=content_type, json_dumps_params={"indent": 2})
    response["Access-Control-Allow-Origin"] = "*"  # verifiers and wallets read these from their own pages
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


@require_GET
def jwks(request):
    return _json(credential_keys.public_jwks(), content_type="application/jwk-set+json", max_age=3600)


@require_GET
def key(request, kid):
    """One public key by itself: what a credential's ``kid`` dereferences to (OB 3.0 8.2.4)."""
    found = credential_keys.key_for(kid)
    if found is None or found.get("kid") != kid:
        raise Http404("No such key.")
    return _json(credential_keys.public_jwk(found), content_type="application/jwk+json", max_age=3600)


@require_GET
def issuer(request):
    """The issuer profile, listing the keys its credentials are signed with."""
    return _json(credentials.issuer_keys_document(), content_type=JSON_LD)


@require_GET
def achievement(request, program_id):
    page = get_object_or_404(Page.objects.live(), pk=program_id).specific
    if not hasattr(page, "completion_threshold"):  # only programs (courses and series) award
        raise Http404
    from cohorts.coursework.selectors import program_hours

    data = credentials.achievement_of(page, program_hours(page.pk))
    return _json({"@context": credentials.CONTEXTS, **data}, content_type=JSON_LD)


def _known(request, code):
    """The certificate with this code, counting a miss as a guess (as the verify page does)."""
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        throttle.count_guess(request)
    return certificate


@require_GET
def credential(request, code):
    """The VC-JWT itself, as a wallet or backpack imports it (``?download`` saves it as a file)."""
    if throttle.too_many_guesses(request):
        return HttpResponse("Too many lookups: wait ten minutes.", status=429, content_type="text/plain")
    certificate = _known(request, code)
    if certificate is None or not certificate.credential:
        raise Http404("No credential with this code.")
    response = HttpResponse(certificate.credential, content_type=credentials.MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    if "download" in request.GET:
        filename = pdf.CREDENTIAL_FILENAME.format(code=certificate.code)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def status_list_view(request, number):
    """The revocation list: one bit per certificate, set once it is revoked or superseded."""
    if number < 1:
        raise Http404
    ids = status_list.ids_of_list(number)
    revoked = Certificate.objects.filter(pk__gte=ids.start, pk__lt=ids.stop).filter(
        Q(revoked_at__isnull=False) | Q(replaced_at__isnull=False)
    )
    token = credentials.status_list_credential(number, revoked.values_list("pk", flat=True), timezone.now())
    response = HttpResponse(token, content_type=credentials.MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60"  # a revocation shows within a minute
    return response


def _date(moment):
    return timezone.localdate(moment).isoformat() if moment else None


def certificate_facts(certificate):
    """What the verification API answers: the verify page's facts, by machine."""
    status = certificate.status
    facts = {
        "code": certificate.code,
        "status": str(status),
        "holder": certificate.full_name,
        "program": certificate.course_title,
        "cohort": certificate.cohort_name,
        "hours": float(certificate.hours),
        "issued": _date(certificate.issued_at),
        "valid_until": _date(certificate.valid_until),
        "revoked": _date(certificate.revoked_at),
        "superseded_by": certificate.superseded_by.code if certificate.superseded_by_id else None,
        "issuer": credentials.organization_name(),
        "verify_url": pdf.verify_url(certificate),
        "credential_url": credentials.credential_url(certificate.code) if certificate.credential else None,
    }
    return facts


@require_GET
def api_certificate(request, code):
    """GET /api/certificates/<code>: JSON for employers' and states' systems; rate-limited per client."""
    calls = throttle.count(request, "cert-api", 60)
    if calls > settings.CERTIFICATE_API_PER_MINUTE or throttle.too_many_guesses(request):
        response = _json({"error": "Too many requests: try again in a minute."}, status=429, max_age=0)
        response["Retry-After"] = "60"
        return response
    certificate = _known(request, code)
    if certificate is None:
        return _json({"error": "No certificate with this code."}, status=404, max_age=0)
    return _json(certificate_facts(certificate), max_age=60)
