"""Credentials issued before the OB 3.0 / VC-JOSE-COSE form (a ``vc`` claim, the key named by its bare
thumbprint, ``issuanceDate``) are signed again in today's form by the upgrade's migration: the served
credential then passes an outside verifier's OB 3.0 steps and is the same credential (id, dates,
status-list entry). The certificate's PDF keeps the earlier form inside, and the verify page still
accepts it; a credential with the same id signed by another key is neither re-signed nor accepted."""

import hashlib
import importlib
import io
from datetime import timedelta
from pathlib import Path

import jsonschema
import jwt
import pikepdf
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from jwcrypto import jwk
from jwcrypto import jwt as jose_jwt
from jwcrypto.common import json_encode

from certificates import pdf, signing
from certificates.credentials import keys as credential_keys
from certificates.credentials import open_badges as credentials
from certificates.credentials import status_list
from certificates.models import Certificate
from tests.certificates.test_credentials import SCHEMA, outside_verify

pytestmark = pytest.mark.django_db

migration = importlib.import_module("certificates.migrations.0007_resign_earlier_form_credentials")


@pytest.fixture(autouse=True)
def fresh_keys():
    credential_keys.signing_key.cache_clear()
    credential_keys.retired_keys.cache_clear()
    yield
    credential_keys.signing_key.cache_clear()
    credential_keys.retired_keys.cache_clear()


def earlier_form_token(certificate, key=None):
    """What the code before the OB 3.0 form wrote for this certificate: the credential with VC 1.1's dates
    and no subject id, inside a ``vc`` claim, the header naming the key by its thumbprint (typ JWT)."""
    key = key or credential_keys.signing_key()
    program = certificate.enrollment.cohort.program.specific
    credential = credentials.credential_of(
        certificate,
        credentials.achievement_of(program, certificate.hours),
        credentials.issuer_profile(),
        certificate.enrollment.user.email,
    )
    del credential["credentialSubject"]["id"]
    credential["issuanceDate"] = credential["validFrom"]
    if "validUntil" in credential:
        credential["expirationDate"] = credential["validUntil"]
    issued = int(certificate.issued_at.timestamp())
    claims = {
        "vc": credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["identifier"][1]["identityHash"],
        "nbf": issued,
        "iat": issued,
    }
    if certificate.valid_until:
        claims["exp"] = int(certificate.valid_until.timestamp())
    thumbprint = credential_keys.signing_key().get("kid")
    token = jose_jwt.JWT(header={"alg": "ES256", "typ": "JWT", "kid": thumbprint}, claims=json_encode(claims))
    token.make_signed_token(key)
    return token.serialize()


def issued_in_earlier_form(certificate, key=None):
    """The certificate as the earlier code left it: that credential stored, and embedded in its signed PDF."""
    token = earlier_form_token(certificate, key)
    signed = signing.sign_pdf(pdf.render_certificate_pdf(certificate, token), reason="Certificate")
    certificate.credential = token
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(signed), save=False)
    certificate.sha256 = hashlib.sha256(signed).hexdigest()
    certificate.save(update_fields=["credential", "pdf", "sha256"])
    return token, signed


def run_the_upgrade_migration():
    migration.resign(apps, None)


def served(client, certificate):
    response = client.get(f"/credentials/{certificate.code}")
    assert response.status_code == 200
    return response.content.decode()


def upload(client, data):
    response = client.post("/certificates/verify/", {"pdf": SimpleUploadedFile("certificate.pdf", data)})
    return " ".join(response.content.decode().split())


@pytest.fixture
def expiring(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=certificate.issued_at + timedelta(days=5 * 365))
    certificate.refresh_from_db()
    return certificate


def test_an_earlier_form_credential_is_signed_again_and_passes_the_ob3_steps(client, expiring, settings):
    old_token, _ = issued_in_earlier_form(expiring)
    with pytest.raises(AssertionError):  # what OB 3.0 verifiers refused
        outside_verify(client, served(client, expiring), settings)
    old = jwt.decode(old_token, options={"verify_signature": False})["vc"]

    run_the_upgrade_migration()

    token = served(client, expiring)
    vc = outside_verify(client, token, settings)
    # The same credential: id, validity dates, status-list entry, the holder and the achievement.
    for term in ("id", "validFrom", "validUntil", "credentialStatus", "issuer", "name", "awardedDate"):
        assert vc[term] == old[term], term
    assert vc["credentialStatus"]["statusListIndex"] == str(status_list.place(expiring.pk)[1])
    assert vc["credentialSubject"]["identifier"] == old["credentialSubject"]["identifier"]
    assert vc["credentialSubject"]["achievement"] == old["credentialSubject"]["achievement"]
    assert vc["credentialSubject"]["id"] == credentials.subject_id(expiring.code) == vc["sub"]
    assert not {"issuanceDate", "expirationDate", "vc"} & set(vc)
    errors = sorted(jsonschema.Draft201909Validator(SCHEMA).iter_errors(vc), key=str)
    assert not errors, [e.message for e in errors]
    # Run again (a second migrate, the command): nothing changes.
    run_the_upgrade_migration()
    assert served(client, expiring) == token


def test_the_old_pdf_still_verifies_and_says_it_holds_the_earlier_form(client, certificate):
    _, old_pdf = issued_in_earlier_form(certificate)
    run_the_upgrade_migration()
    certificate.refresh_from_db()
    assert Path(certificate.pdf.path).read_bytes() == old_pdf  # the signed document is not touched
    html = upload(client, old_pdf)
    assert "Genuine and valid." in html
    assert (
        "Its embedded Open Badges credential is genuine and is this certificate's credential in the form it was "
        "first issued in. The same credential is now served signed in the Open Badges 3.0 form" in html
    )
    assert f'href="/credentials/{certificate.code}"' in html
    # A certificate issued today still says its credential is the very one issued with it.
    new_pdf = signing.sign_pdf(pdf.render_certificate_pdf(certificate, certificate.credential), reason="Certificate")
    Certificate.objects.filter(pk=certificate.pk).update(sha256=hashlib.sha256(new_pdf).hexdigest())
    assert "genuine and is the one issued with this certificate" in upload(client, new_pdf)


def test_a_credential_with_the_same_id_signed_by_another_key_is_refused(client, certificate):
    stranger = jwk.JWK.generate(kty="EC", crv="P-256")
    _, old_pdf = issued_in_earlier_form(certificate)
    forged = earlier_form_token(certificate, key=stranger)
    # In the PDF: the page says the credential is not ours.
    with pikepdf.open(io.BytesIO(old_pdf)) as document:
        document.attachments[pdf.CREDENTIAL_FILENAME.format(code=certificate.code)] = pikepdf.AttachedFileSpec(
            document, forged.encode(), mime_type="application/vc+jwt"
        )
        buffer = io.BytesIO()
        document.save(buffer)
    html = upload(client, buffer.getvalue())
    assert "Its embedded Open Badges credential is not one of ours" in html
    assert "is this certificate's credential" not in html

    # Stored as the certificate's credential: the upgrade does not sign it again (that would launder it).
    Certificate.objects.filter(pk=certificate.pk).update(credential=forged)
    run_the_upgrade_migration()
    assert served(client, certificate) == forged
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_credentials", stdout=out, stderr=err)
    assert "signed again" not in out.getvalue()  # nothing re-signed, and nothing said of it
    assert certificate.code in err.getvalue()
