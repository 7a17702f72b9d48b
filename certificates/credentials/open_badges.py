"""The Open Badges 3.0 credential a certificate carries (W3C Verifiable Credentials 2.0 data
model), secured as a VC-JWT with the credential key (``credential_keys``).

``achievement_of`` and ``issuer_profile`` read what the credential says about the program and
the organisation; ``credential_of`` puts them together for one certificate (no query of its own);
``secure`` signs it. The subject is named as on the certificate and identified by a salted hash
of the e-mail address, never the address itself.

Secured as VC-JOSE-COSE and OB 3.0 section 8.2 say: the JWT payload is the credential itself, with
the registered claims OB 3.0 requires beside it (``iss`` = issuer.id, ``sub`` = credentialSubject.id,
``jti`` = id, ``nbf`` = validFrom, ``exp`` = validUntil), ``typ`` ``vc+jwt`` and ``cty`` ``vc``.
"""

import copy
import hashlib
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags

from . import keys as credential_keys
from . import status_list

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}
CSTP_FRAMEWORK = "California Standards for the Teaching Profession (CSTP)"
MEDIA_TYPE = "application/vc+jwt"
# The controlled-identifier terms (verificationMethod, JsonWebKey, publicKeyJwk) the issuer profile
# lists its keys with; the credential itself needs only CONTEXTS.
CID_CONTEXT = "https://www.w3.org/ns/cid/v1"
# Namespace of the credential subjects' ids (see subject_id); fixed, so a re-signed credential keeps its subject.
SUBJECT_NAMESPACE = uuid.UUID("6f1d2b1e-3c47-4b8e-9a55-0c2d7f1e8a93")


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


def timestamp(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential_url(code):
    return site_url(reverse("credentials:credential", args=[code]))


def status_list_url(number):
    return site_url(reverse("credentials:status_list", args=[number]))


def organization_name():
    """Who issues: the program contact setting's organisation, else the configured issuer."""
    from modules.models import ProgramContactSettings

    return ProgramContactSettings.load().organization_name or settings.CERTIFICATE_ISSUER


def signatory():
    """(name, title) a certificate issued now is signed with: the program contact setting's signatory, else the
    configured one."""
    from modules.models import ProgramContactSettings

    contact = ProgramContactSettings.load()
    if contact.signatory_name:
        return contact.signatory_name, contact.signatory_title or settings.CERTIFICATE_SIGNATORY_TITLE
    return settings.CERTIFICATE_SIGNATORY_NAME, settings.CERTIFICATE_SIGNATORY_TITLE


def issuer_profile():
    from modules.models import ProgramContactSettings

    contact = ProgramContactSettings.load()
    profile = {
        "id": site_url(reverse("credentials:issuer")),
        "type": ["Profile"],
        "name": organization_name(),
        "url": settings.SITE_URL,
    }
    if contact.contact_email:
        profile["email"] = contact.contact_email
    return profile


def issuer_keys_document():
    """The issuer profile as published at its id: the profile, and the keys it signs with (current and
    retired) as controlled-identifier verification methods. Each method's id is the key's own URL, the
    ``kid`` of the tokens it signed, which serves the bare JWK."""
    profile = issuer_profile()
    methods = [
        {
            "id": credential_keys.key_url(key),
            "type": "JsonWebKey",
            "controller": profile["id"],
            "publicKeyJwk": credential_keys.public_jwk(key),
        }
        for key in (credential_keys.signing_key(), *credential_keys.retired_keys())
    ]
    return {
        "@context": [*CONTEXTS, CID_CONTEXT],
        **profile,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def _plain(html):
    return " ".join(strip_tags(html or "").split())


def criteria_narrative(program):
    """How the credential is earned, in words, from the program's own rules."""
    from modules.models import CoursePage, WorkshopSeriesPage

    if isinstance(program, CoursePage):
        modules = [f"{m.number:02d}" for m in program.modules() if m.number]
        share = f"{program.completion_threshold * 100:.0f}%"
        return (
            "Complete the Welcome module and Modules "
            + (f"{modules[0]}–{modules[-1]}" if modules else "")
            + f" of the online course. At least {share} of the participant's required submissions (discussions "
            "and assignments) are rated complete by an expert facilitator; work rated needs revision is revised "
            "and resubmitted until complete."
        )
    if isinstance(program, WorkshopSeriesPage):
        steps = [step.title for step in program.timeline()]
        return (
            "Attend every workshop and complete all online independent learning of the series: "
            + "; ".join(steps)
            + ". Attendance is taken by the facilitator; online work is rated complete by a facilitator."
        )
    return "Complete the program."


def alignments(program):
    """The CSTP standards the program's modules target, each an Alignment to the course page."""
    from modules.models import CoursePage, CSTPStandard

    if not isinstance(program, CoursePage):
        return []
    standards = CSTPStandard.objects.filter(modules__in=program.modules()).distinct().order_by("number")
    # The page's path on this site, under SITE_URL: the Wagtail Site record's host name (``full_url``)
    # is whatever the site was set up with (often localhost), not where the public reaches the page.
    page_url = site_url(_page_path(program))
    return [
        {
            "type": ["Alignment"],
            "targetName": f"CSTP {standard.number}: {standard.title}",
            "targetUrl": f"{page_url}#cstp-{standard.number}",
            "targetFramework": CSTP_FRAMEWORK,
            "targetCode": f"CSTP-{standard.number}",
            "targetType": "ext:TeachingStandard",
        }
        for standard in standards
    ]


def _page_path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else "/"


ACHIEVEMENT_SECONDS = 300  # a worker issuing a cohort's certificates reads the program once
_achievements: dict[tuple, tuple] = {}


def achievement_of(program, hours):
    """The achievement (what is earned) for a program page (its specific page). Kept a few minutes
    per process: every certificate of a cohort has the same one, and the page changes seldom (a
    publish changes the key at once)."""
    key = (program.pk, program.last_published_at, str(hours))
    now = time.monotonic()
    found = _achievements.get(key)
    if found is None or now - found[0] > ACHIEVEMENT_SECONDS:
        if len(_achievements) > 100:
            _achievements.clear()
        found = _achievements[key] = (now, _achievement(program, hours))
    return copy.deepcopy(found[1])


def _achievement(program, hours):
    description = getattr(program, "subtitle", "") or _plain(
        getattr(program, "intro", "") or getattr(program, "purpose", "")
    )
    achievement = {
        "id": site_url(reverse("credentials:achievement", args=[program.pk])),
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": program.title,
        "description": (description or program.title)[:1000],
        "criteria": {"narrative": criteria_narrative(program)},
        "creditsAvailable": float(Decimal(hours)),
        "fieldOfStudy": "Education: grading and assessment",
        "inLanguage": "en-US",
    }
    aligned = alignments(program)
    if aligned:
        achievement["alignment"] = aligned
    return achievement


def identity_hash(email, salt):
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def subject_id(code):
    """``credentialSubject.id``: an opaque ``urn:uuid`` of this one certificate's holder.

    OB 3.0's JWT format requires ``sub`` and requires it to equal ``credentialSubject.id`` (8.2.4.1).
    The holder has shown us no DID or URL they control, and the implementation guide says then to
    identify them by ``identifier`` (here the salted e-mail hash and the name), which we do; the
    ``id`` only has to be a URI, and an IdentityHash (``sha256$...``) is not one. So the id is a
    UUID derived from the certificate code: it says nothing about the person, is different for each of
    their certificates (as the salted hash is), so verifiers cannot link them by it, and stays the
    same when the credential is signed again."""
    return uuid.uuid5(SUBJECT_NAMESPACE, code).urn


def credential_of(certificate, achievement, issuer, email):
    """The credential for one certificate, unsigned (a dict)."""
    number, index = status_list.place(certificate.pk)
    list_url = status_list_url(number)
    salt = certificate.code
    credential = {
        "@context": CONTEXTS,
        "id": credential_url(certificate.code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{certificate.course_title}: certificate of completion",
        "description": (
            f"{certificate.full_name} completed {certificate.course_title} ({certificate.cohort_name}), "
            f"{certificate.hours.normalize():f} hours of professional learning."
        ),
        "issuer": issuer,
        "validFrom": timestamp(certificate.issued_at),
        "awardedDate": timestamp(certificate.issued_at),
        "credentialSubject": {
            "id": subject_id(certificate.code),
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.full_name,
                },
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": identity_hash(email, salt),
                    "salt": salt,
                },
            ],
            "achievement": achievement,
            "creditsEarned": float(certificate.hours),
            "term": certificate.cohort_name,
        },
        "credentialStatus": {
            "id": f"{list_url}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": list_url,
        },
        "credentialSchema": [SCHEMA],
    }
    if certificate.valid_until:
        credential["validUntil"] = timestamp(certificate.valid_until)
    return credential


def _seconds(stamp):
    """A credential's ``validFrom``/``validUntil`` as a JWT NumericDate (the same second)."""
    return int(datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())


def jwt_payload(credential):
    """The JWT payload: the credential itself, and the registered claims OB 3.0 section 8.2 asks for,
    each copied from the credential so they cannot disagree with it."""
    issuer = credential["issuer"]
    payload = {
        **credential,
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "sub": credential["credentialSubject"]["id"],
        "jti": credential["id"],
        "nbf": _seconds(credential["validFrom"]),
    }
    if "validUntil" in credential:
        payload["exp"] = _seconds(credential["validUntil"])
    return payload


def secure(credential):
    return credential_keys.sign_jwt(jwt_payload(credential))


def status_list_credential(number, revoked_ids, now):
    """The published list: a BitstringStatusListCredential with the bits of revoked certificates, signed."""
    url = status_list_url(number)
    first = status_list.ids_of_list(number).start
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_profile()["id"],
        "validFrom": timestamp(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": status_list.encode(pk - first for pk in revoked_ids),
        },
    }
    return secure(credential)
