"""The Open Badges 3.0 credential a certificate carries, checked from outside as a third party
checks it: PyJWT (not jwcrypto, which signs) verifies it by the OB 3.0 verification steps (8.2.4),
taking the key from the URL its ``kid`` names; the newest 1EdTech JSON schema and the published
JSON-LD contexts validate it; the published status list says whether it is revoked. The schemas and
contexts are copies of the published ones (tests/certificates/schemas/README.md)."""

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import jwt
import pytest
from django.core.cache import cache
from jwcrypto import jwk

from certificates import services
from certificates.credentials import keys as credential_keys
from certificates.credentials import status_list
from tests.certificates import outside_verifier

pytestmark = pytest.mark.django_db

PUBLISHED = Path(__file__).parent / "schemas"
SCHEMA = json.loads((PUBLISHED / "ob_v3p0_achievementcredential_schema.json").read_text())
PROFILE_SCHEMA = json.loads((PUBLISHED / "ob_v3p0_profile_schema.json").read_text())
VC_SCHEMA = json.loads((PUBLISHED / "vc_v2_verifiable-credential-schema.json").read_text())
CONTEXT_FILES = {
    "https://www.w3.org/ns/credentials/v2": "vc_v2_context.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob_v3p0_context-3.0.3.json",
    "https://www.w3.org/ns/cid/v1": "cid_v1_context.jsonld",
}
JWT_CLAIMS = {"iss", "sub", "jti", "nbf", "exp"}  # OB 3.0 8.2.3: beside the credential in the payload


@pytest.fixture(autouse=True)
def fresh_keys_and_limits():
    cache.clear()
    credential_keys.signing_key.cache_clear()
    credential_keys.retired_keys.cache_clear()
    yield
    credential_keys.signing_key.cache_clear()
    credential_keys.retired_keys.cache_clear()


def dereference(client, url, settings):
    """GET an absolute URL of this site, as a verifier elsewhere would (through the test client)."""
    site, target = urlsplit(settings.SITE_URL), urlsplit(url)
    assert (target.scheme, target.netloc) == (site.scheme, site.netloc), f"{url} is not on {settings.SITE_URL}"
    return client.get(target.path)


def verified_payload(client, token, settings):
    return outside_verifier.verified_payload(token, lambda url: dereference(client, url, settings))


def outside_verify(client, token, settings):
    return outside_verifier.verify(token, lambda url: dereference(client, url, settings))


def defined_terms(url):
    """Every term a published context defines, at its top level or in a type- or property-scoped context."""
    terms = set()

    def collect(context):
        for name, definition in context.items():
            terms.add(name)
            if isinstance(definition, dict) and isinstance(definition.get("@context"), dict):
                collect(definition["@context"])

    collect(json.loads((PUBLISHED / CONTEXT_FILES[url]).read_text())["@context"])
    return terms


def undefined_terms(document):
    """Member names of a JSON-LD document that none of its contexts defines (``@json`` values skipped)."""
    terms = set().union(*(defined_terms(url) for url in document["@context"]))
    found = set()

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for name, value in node.items():
                if not name.startswith("@") and name not in terms:
                    found.add(name)
                if name != "publicKeyJwk":
                    walk(value)

    walk(document)
    return found


def test_the_credential_verifies_as_a_third_party_verifies_it_and_says_what_was_earned(client, certificate, settings):
    assert certificate.credential
    vc = outside_verify(client, certificate.credential, settings)
    assert {"VerifiableCredential", "OpenBadgeCredential"} <= set(vc["type"])
    assert vc["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert vc["id"] == f"{settings.SITE_URL}/credentials/{certificate.code}"
    achievement = vc["credentialSubject"]["achievement"]
    assert achievement["name"] == "Learning-Based Grading"
    assert achievement["creditsAvailable"] == 30.0 and vc["credentialSubject"]["creditsEarned"] == 30.0
    assert "85%" in achievement["criteria"]["narrative"]
    aligned = achievement["alignment"]
    assert aligned and all(a["targetName"].startswith("CSTP ") for a in aligned)
    # Alignments link to the course page where the public reaches it, not the Wagtail site record's host.
    program_page = dereference(client, aligned[0]["targetUrl"].split("#")[0], settings)
    assert program_page.status_code == 200 and "Learning-Based Grading" in program_page.content.decode()
    assert vc["issuer"]["type"] == ["Profile"] and vc["issuer"]["name"]
    # VC 2.0 terms only: the VC 1.1 dates are gone.
    assert vc["validFrom"] and not {"issuanceDate", "expirationDate"} & set(vc)
    # The holder: named as on the certificate, the e-mail only as a salted hash; the subject id is opaque.
    email = certificate.enrollment.user.email
    subject = vc["credentialSubject"]
    assert subject["id"].startswith("urn:uuid:") and vc["sub"] == subject["id"]
    identifiers = {i["identityType"]: i for i in subject["identifier"]}
    assert identifiers["name"]["identityHash"] == certificate.full_name
    hashed = identifiers["emailAddress"]
    assert hashed["identityHash"] == "sha256$" + hashlib.sha256((email + certificate.code).encode()).hexdigest()
    assert email not in certificate.credential and email not in json.dumps(vc)
    # Its place in the revocation list.
    number, index = status_list.place(certificate.pk)
    assert vc["credentialStatus"]["statusListIndex"] == str(index)
    assert vc["credentialStatus"]["statusListCredential"] == f"{settings.SITE_URL}/credentials/status/{number}"
    assert "validUntil" not in vc and "exp" not in vc  # this program's certificates do not expire


def test_the_credential_validates_against_the_open_badges_schema_and_contexts(certificate):
    vc = jwt.decode(certificate.credential, options={"verify_signature": False})
    validator = jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(vc), key=str)
    assert not errors, [e.message for e in errors]
    broken = {**vc, "credentialSubject": {**vc["credentialSubject"], "achievement": {"name": "no id, no criteria"}}}
    assert list(validator.iter_errors(broken)), "the schema must notice a broken achievement"
    vc_one_one = {key: value for key, value in vc.items() if key != "validFrom"} | {"issuanceDate": vc["validFrom"]}
    assert list(validator.iter_errors(vc_one_one)), "the schema must refuse a VC 1.1 issue date"
    # Every member is a term of the VC 2.0 or OB 3.0.3 context, but for the JWT claim VC 2.0 leaves out.
    assert undefined_terms(vc) == {"jti"}
    assert undefined_terms(vc_one_one) == {"jti", "issuanceDate"}


def test_a_tampered_credential_fails_outside_verification(client, certificate, settings):
    header, payload, signature = certificate.credential.split(".")
    claims = json.loads(jwt.utils.base64url_decode(payload))
    claims["credentialSubject"]["creditsEarned"] = 300.0
    forged = ".".join([header, jwt.utils.base64url_encode(json.dumps(claims).encode()).decode(), signature])
    with pytest.raises(jwt.InvalidSignatureError):
        outside_verify(client, forged, settings)


def test_the_issuer_profile_lists_the_key_the_credential_names(client, certificate, settings):
    vc = outside_verify(client, certificate.credential, settings)
    kid = jwt.get_unverified_header(certificate.credential)["kid"]
    response = dereference(client, vc["issuer"]["id"], settings)
    assert response["Content-Type"] == "application/ld+json"
    profile = response.json()
    assert profile["id"] == vc["issuer"]["id"] and profile["name"] == vc["issuer"]["name"]
    assert kid in profile["assertionMethod"]
    (method,) = [m for m in profile["verificationMethod"] if m["id"] == kid]
    assert method["type"] == "JsonWebKey" and method["controller"] == profile["id"]
    assert method["publicKeyJwk"] == dereference(client, kid, settings).json()
    assert undefined_terms(profile) == set()
    errors = sorted(jsonschema.Draft201909Validator(PROFILE_SCHEMA).iter_errors(profile), key=str)
    assert not errors, [e.message for e in errors]
    assert client.get("/credentials/keys/no-such-key").status_code == 404


def status_list_of(client, certificate, settings):
    number, index = status_list.place(certificate.pk)
    response = client.get(f"/credentials/status/{number}")
    assert response.status_code == 200 and response["Content-Type"] == "application/vc+jwt"
    return outside_verify(client, response.content.decode(), settings), index


def status_bit(client, certificate, settings):
    vc, index = status_list_of(client, certificate, settings)
    assert vc["credentialSubject"]["statusPurpose"] == "revocation"
    assert len(status_list.decode(vc["credentialSubject"]["encodedList"])) * 8 == status_list.LIST_SIZE
    return status_list.is_set(vc["credentialSubject"]["encodedList"], index)


def test_the_status_list_is_a_bitstring_status_list_credential_of_vc_2(client, certificate, settings):
    vc, _ = status_list_of(client, certificate, settings)
    errors = sorted(jsonschema.Draft202012Validator(VC_SCHEMA).iter_errors(vc), key=str)
    assert not errors, [e.message for e in errors]
    assert vc["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert vc["credentialSubject"]["type"] == "BitstringStatusList"
    credential = outside_verify(client, certificate.credential, settings)
    assert vc["id"] == credential["credentialStatus"]["statusListCredential"]
    assert vc["issuer"] == credential["issuer"]["id"]
    assert undefined_terms(vc) == {"jti"}


def test_revoking_flips_the_bit_in_the_published_list_and_the_api_says_revoked(
    client, certificate, program_admin, settings
):
    assert status_bit(client, certificate, settings) is False
    assert client.get(f"/api/certificates/{certificate.code}").json()["status"] == "valid"
    services.revoke_certificate(certificate, program_admin, "Issued in error")
    assert status_bit(client, certificate, settings) is True
    answer = client.get(f"/api/certificates/{certificate.code}").json()
    assert answer["status"] == "revoked" and answer["revoked"]


def test_a_reissue_sets_the_old_bit_and_points_to_the_new_certificate(
    client, certificate, program_admin, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        new = services.reissue_certificate(certificate, program_admin, "Name corrected")
    assert status_bit(client, certificate, settings) is True
    new.refresh_from_db()
    assert status_bit(client, new, settings) is False
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
    vc = jwt.decode(certificate.credential, options={"verify_signature": False})
    achievement = dereference(client, vc["credentialSubject"]["achievement"]["id"], settings).json()
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
    assert outside_verify(client, old_token, settings)["id"].endswith(certificate.code)
    new_token = credential_keys.sign_jwt({"probe": 1})
    assert jwt.get_unverified_header(new_token)["kid"] != old_kid
    assert verified_payload(client, new_token, settings) == {"probe": 1}
    profile = client.get("/credentials/issuer").json()
    assert {old_kid, jwt.get_unverified_header(new_token)["kid"]} == set(profile["assertionMethod"])


def test_a_key_that_cannot_sign_es256_is_refused(settings):
    settings.CREDENTIAL_SIGNING_KEY = jwk.JWK.generate(kty="RSA", size=2048).export_private()
    with pytest.raises(credential_keys.CredentialKeyError, match="P-256"):
        credential_keys.signing_key()


def test_the_series_achievement_names_every_workshop_and_online_segment():
    from decimal import Decimal

    from certificates.credentials import open_badges as credentials
    from modules.models import WorkshopSeriesPage

    series = WorkshopSeriesPage.objects.get()
    achievement = credentials.achievement_of(series, Decimal("13.5"))
    narrative = achievement["criteria"]["narrative"]
    for step in series.timeline():
        assert step.title in narrative
    assert narrative.startswith("Attend every workshop") and "alignment" not in achievement
    assert achievement["creditsAvailable"] == 13.5 and achievement["achievementType"] == "CertificateOfCompletion"


def test_certificates_from_before_credentials_get_one_by_command(client, certificate, settings):
    from io import StringIO

    from django.core.management import call_command

    from certificates.models import Certificate

    Certificate.objects.filter(pk=certificate.pk).update(credential="")
    assert client.get(f"/credentials/{certificate.code}").status_code == 404
    out = StringIO()
    call_command("issue_credentials", stdout=out)
    assert "1 certificate given a credential." in out.getvalue()
    token = client.get(f"/credentials/{certificate.code}").content.decode()
    assert outside_verify(client, token, settings)["id"].endswith(certificate.code)
    again = StringIO()
    call_command("issue_credentials", stdout=again)
    assert again.getvalue() == ""  # nothing to do, and `make run` prints nothing of it
    call_command("issue_credentials", stdout=again, verbosity=2)
    assert "0 certificates given a credential." in again.getvalue()


def test_a_credential_signed_before_keys_had_urls_is_still_ours(certificate):
    """Tokens issued earlier name the key by its bare thumbprint; the verify page still knows them."""
    from jwcrypto import jwt as jose_jwt
    from jwcrypto.common import json_encode

    key = credential_keys.signing_key()
    legacy = jose_jwt.JWT(header={"alg": "ES256", "typ": "JWT", "kid": key.get("kid")}, claims=json_encode({"a": 1}))
    legacy.make_signed_token(key)
    assert credential_keys.verify_jwt(legacy.serialize()) == {"a": 1}
    stranger = jwk.JWK.generate(kty="EC", crv="P-256")
    forged = jose_jwt.JWT(header={"alg": "ES256", "kid": key.get("kid")}, claims=json_encode({"a": 1}))
    forged.make_signed_token(stranger)
    with pytest.raises(credential_keys.InvalidCredential):
        credential_keys.verify_jwt(forged.serialize())
