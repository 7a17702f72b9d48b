"""The Open Badges 3.0 credential a certificate carries, checked from outside: PyJWT (not the
library that signed) verifies it with the published key set, the 1EdTech JSON schema validates it,
and the published status list says whether it is revoked."""

import hashlib
import json
from pathlib import Path

import jsonschema
import jwt
import pytest
from django.core.cache import cache
from jwcrypto import jwk

from certificates import credential_keys, services, status_list

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential_schema.json").read_text())


@pytest.fixture(autouse=True)
def fresh_keys_and_limits():
    cache.clear()
    credential_keys.signing_key.cache_clear()
    credential_keys.retired_keys.cache_clear()
    yield
    credential_keys.signing_key.cache_clear()
    credential_keys.retired_keys.cache_clear()


def outside_verify(client, token):
    """What a verifier elsewhere does: fetch our JWKS, pick the key by the token's kid, check ES256."""
    keys = jwt.PyJWKSet.from_dict(client.get("/.well-known/jwks.json").json())
    kid = jwt.get_unverified_header(token)["kid"]
    key = next(k for k in keys.keys if k.key_id == kid)
    return jwt.decode(token, key.key, algorithms=["ES256"], options={"verify_aud": False})


def test_the_credential_verifies_with_the_published_keys_and_says_what_was_earned(client, certificate, settings):
    assert certificate.credential
    claims = outside_verify(client, certificate.credential)
    vc = claims["vc"]
    assert {"VerifiableCredential", "OpenBadgeCredential"} <= set(vc["type"])
    assert vc["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert claims["jti"] == vc["id"] == f"{settings.SITE_URL}/credentials/{certificate.code}"
    achievement = vc["credentialSubject"]["achievement"]
    assert achievement["name"] == "Learning-Based Grading"
    assert achievement["creditsAvailable"] == 30.0 and vc["credentialSubject"]["creditsEarned"] == 30.0
    assert "85%" in achievement["criteria"]["narrative"]
    aligned = [a["targetName"] for a in achievement["alignment"]]
    assert aligned and all(name.startswith("CSTP ") for name in aligned)
    assert vc["issuer"]["type"] == ["Profile"] and vc["issuer"]["name"]
    # The holder: named as on the certificate, the e-mail only as a salted hash.
    email = certificate.enrollment.user.email
    identifiers = {i["identityType"]: i for i in vc["credentialSubject"]["identifier"]}
    assert identifiers["name"]["identityHash"] == certificate.full_name
    hashed = identifiers["emailAddress"]
    assert hashed["identityHash"] == "sha256$" + hashlib.sha256((email + certificate.code).encode()).hexdigest()
    assert email not in certificate.credential and email not in json.dumps(claims)
    # Its place in the revocation list.
    number, index = status_list.place(certificate.pk)
    assert vc["credentialStatus"]["statusListIndex"] == str(index)
    assert vc["credentialStatus"]["statusListCredential"].endswith(f"/credentials/status/{number}")
    assert "validUntil" not in vc and "exp" not in claims  # this program's certificates do not expire


def test_the_credential_validates_against_the_open_badges_schema(certificate):
    vc = jwt.decode(certificate.credential, options={"verify_signature": False})["vc"]
    validator = jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(vc), key=str)
    assert not errors, [e.message for e in errors]
    broken = {**vc, "credentialSubject": {**vc["credentialSubject"], "achievement": {"name": "no id, no criteria"}}}
    assert list(validator.iter_errors(broken)), "the schema must notice a broken achievement"


def test_a_tampered_credential_fails_outside_verification(client, certificate):
    header, payload, signature = certificate.credential.split(".")
    claims = json.loads(jwt.utils.base64url_decode(payload))
    claims["vc"]["credentialSubject"]["creditsEarned"] = 300.0
    forged = ".".join([header, jwt.utils.base64url_encode(json.dumps(claims).encode()).decode(), signature])
    with pytest.raises(jwt.InvalidSignatureError):
        outside_verify(client, forged)


def status_bit(client, certificate):
    number, index = status_list.place(certificate.pk)
    response = client.get(f"/credentials/status/{number}")
    assert response.status_code == 200 and response["Content-Type"] == "application/vc+jwt"
    vc = outside_verify(client, response.content.decode())["vc"]
    assert vc["credentialSubject"]["statusPurpose"] == "revocation"
    assert len(status_list.decode(vc["credentialSubject"]["encodedList"])) * 8 == status_list.LIST_SIZE
    return status_list.is_set(vc["credentialSubject"]["encodedList"], index)


def test_revoking_flips_the_bit_in_the_published_list_and_the_api_says_revoked(client, certificate, program_admin):
    assert status_bit(client, certificate) is False
    assert client.get(f"/api/certificates/{certificate.code}").json()["status"] == "valid"
    services.revoke_certificate(certificate, program_admin, "Issued in error")
    assert status_bit(client, certificate) is True
    answer = client.get(f"/api/certificates/{certificate.code}").json()
    assert answer["status"] == "revoked" and answer["revoked"]


def test_a_reissue_sets_the_old_bit_and_points_to_the_new_certificate(
    client, certificate, program_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        new = services.reissue_certificate(certificate, program_admin, "Name corrected")
    assert status_bit(client, certificate) is True
    new.refresh_from_db()
    assert status_bit(client, new) is False
    answer = client.get(f"/api/certificates/{certificate.code}").json()
    assert answer["status"] == "superseded" and answer["superseded_by"] == new.code


def test_the_credential_is_served_at_its_id_and_as_a_file(client, certificate):
    response = client.get(f"/credentials/{certificate.code}")
    assert response.status_code == 200 and response.content.decode() == certificate.credential
    assert response["Content-Type"] == "application/vc+jwt"
    download = client.get(f"/credentials/{certificate.code}?download")
    assert f"open-badge-credential-{certificate.code}.jwt" in download["Content-Disposition"]
    assert client.get("/credentials/NOSUCHCODE42").status_code == 404


def test_issuer_and_achievement_resolve(client, certificate, settings):
    vc = jwt.decode(certificate.credential, options={"verify_signature": False})["vc"]
    issuer = client.get("/credentials/issuer").json()
    assert issuer["id"] == vc["issuer"]["id"] and issuer["name"] == vc["issuer"]["name"]
    achievement_path = vc["credentialSubject"]["achievement"]["id"].removeprefix(settings.SITE_URL)
    achievement = client.get(achievement_path).json()
    assert achievement["name"] == "Learning-Based Grading" and achievement["criteria"]["narrative"]
    # Only programs award: a module page has no achievement; lists are numbered from 1.
    module = certificate.enrollment.cohort.program.get_children().first()
    assert client.get(f"/credentials/achievements/{module.pk}").status_code == 404
    assert client.get("/credentials/status/0").status_code == 404


def test_after_a_key_rotation_old_credentials_still_verify(client, certificate, settings, tmp_path):
    old_token = certificate.credential
    old_kid = jwt.get_unverified_header(old_token)["kid"]
    retired = tmp_path / "retired.json"
    retired.write_text(json.dumps({"keys": [json.loads(credential_keys.signing_key().export_public())]}))
    settings.CREDENTIAL_SIGNING_KEY = jwk.JWK.generate(kty="EC", crv="P-256").export_private()
    settings.CREDENTIAL_RETIRED_KEYS = str(retired)
    credential_keys.signing_key.cache_clear()
    credential_keys.retired_keys.cache_clear()

    published = client.get("/.well-known/jwks.json").json()["keys"]
    assert len(published) == 2 and all("d" not in key for key in published)  # public parts only
    assert outside_verify(client, old_token)["vc"]["id"].endswith(certificate.code)
    new_token = credential_keys.sign_jwt({"probe": 1})
    assert jwt.get_unverified_header(new_token)["kid"] != old_kid
    assert outside_verify(client, new_token) == {"probe": 1}


def test_a_key_that_cannot_sign_es256_is_refused(settings):
    settings.CREDENTIAL_SIGNING_KEY = jwk.JWK.generate(kty="RSA", size=2048).export_private()
    with pytest.raises(credential_keys.CredentialKeyError, match="P-256"):
        credential_keys.signing_key()


def test_the_series_achievement_names_every_workshop_and_online_segment():
    from decimal import Decimal

    from certificates import credentials
    from modules.models import WorkshopSeriesPage

    series = WorkshopSeriesPage.objects.get()
    achievement = credentials.achievement_of(series, Decimal("13.5"))
    narrative = achievement["criteria"]["narrative"]
    for step in series.timeline():
        assert step.title in narrative
    assert narrative.startswith("Attend every workshop") and "alignment" not in achievement
    assert achievement["creditsAvailable"] == 13.5 and achievement["achievementType"] == "CertificateOfCompletion"


def test_certificates_from_before_credentials_get_one_by_command(client, certificate):
    from io import StringIO

    from django.core.management import call_command

    from certificates.models import Certificate

    Certificate.objects.filter(pk=certificate.pk).update(credential="")
    assert client.get(f"/credentials/{certificate.code}").status_code == 404
    out = StringIO()
    call_command("issue_credentials", stdout=out)
    assert "1 certificate given a credential." in out.getvalue()
    token = client.get(f"/credentials/{certificate.code}").content.decode()
    assert outside_verify(client, token)["vc"]["id"].endswith(certificate.code)
    call_command("issue_credentials", stdout=out)
    assert "0 certificates given a credential." in out.getvalue()
