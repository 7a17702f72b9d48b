"""The key that secures Open Badges credentials (VC-JWT, ES256): not the PDF signing key.

Each key is published on its own at ``/credentials/keys/<thumbprint>`` (the bare public JWK) and,
with the others, in the JWKS at ``/.well-known/jwks.json``. A token's ``kid`` is the first URL:
Open Badges 3.0 asks that the ``kid`` "can be dereferenced to an object of type JWK", and an HTTP
URL is the one kind every OB 3.0 verifier must support (a DID URL is optional for them).

Production sets CREDENTIAL_SIGNING_KEY to a private key as a JWK (JSON) or to the path of a
PEM file (P-256), with CREDENTIAL_SIGNING_PASSPHRASE for an encrypted PEM. After a rotation,
CREDENTIAL_RETIRED_KEYS holds the old public keys (a JWKS as JSON, or its path): they stay in
the published JWKS, so every credential issued before still verifies. The embedded set-up makes
a development key on first use under var/signing/ (git-ignored), like the PDF signing key.
"""

import json
import threading
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from jwcrypto import jwk, jws, jwt
from jwcrypto.common import json_encode

ALGORITHM = "ES256"
_lock = threading.Lock()


class CredentialKeyError(RuntimeError):
    pass


def development_key_path():
    return Path(settings.VAR_DIR) / "signing" / "dev-credential-key.json"


def _development_key():
    path = development_key_path()
    with _lock:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            key = jwk.JWK.generate(kty="EC", crv="P-256")
            path.write_text(key.export_private())
            path.chmod(0o600)
        return jwk.JWK.from_json(path.read_text())


def _read(value):
    """A setting that is JSON itself or the path of a file holding it."""
    value = value.strip()
    if value.startswith("{"):
        return value
    return Path(value).read_text()


def _configured_key():
    value = settings.CREDENTIAL_SIGNING_KEY
    if not value:
        return _development_key()
    try:
        if value.strip().startswith("{"):
            key = jwk.JWK.from_json(value)
        else:
            passphrase = settings.CREDENTIAL_SIGNING_PASSPHRASE.encode() or None
            key = jwk.JWK.from_pem(Path(value).read_bytes(), password=passphrase)
    except (OSError, ValueError, TypeError) as error:
        raise CredentialKeyError(f"The credential signing key could not be loaded: {error}") from error
    if key.get("kty") != "EC" or key.get("crv") != "P-256" or not key.has_private:
        raise CredentialKeyError("The credential signing key must be a private EC key on P-256 (for ES256).")
    return key


@lru_cache(maxsize=1)
def signing_key():
    key = _configured_key()
    # The key id is the key's own thumbprint (RFC 7638): the same key always has the same id.
    return jwk.JWK(**{**json.loads(key.export_private()), "kid": key.thumbprint(), "alg": ALGORITHM, "use": "sig"})


@lru_cache(maxsize=1)
def retired_keys():
    if not settings.CREDENTIAL_RETIRED_KEYS:
        return ()
    try:
        data = json.loads(_read(settings.CREDENTIAL_RETIRED_KEYS))
    except (OSError, ValueError) as error:
        raise CredentialKeyError(f"The retired credential keys could not be read: {error}") from error
    keys = []
    for item in data.get("keys", []):
        key = jwk.JWK(**item)
        public = json.loads(key.export_public())
        keys.append(jwk.JWK(**{**public, "kid": item.get("kid") or key.thumbprint(), "alg": ALGORITHM, "use": "sig"}))
    return tuple(keys)


def public_jwks():
    """What /.well-known/jwks.json publishes: the current key and every retired one, public parts only."""
    return {"keys": [public_jwk(key) for key in (signing_key(), *retired_keys())]}


def key_url(key) -> str:
    """Where one public key is served by itself: the ``kid`` of what it signs. The key's own ``kid``
    (its thumbprint) is the last path segment, as Controlled Identifiers recommend."""
    path = reverse("credentials:key", args=[key.get("kid")])
    return settings.SITE_URL.rstrip("/") + path


def key_for(kid):
    """The key a token names: by its URL, or by the bare thumbprint that tokens signed before the
    keys had URLs carry."""
    if not isinstance(kid, str):
        return None
    thumbprint = kid.rstrip("/").rsplit("/", 1)[-1]
    for key in (signing_key(), *retired_keys()):
        if key.get("kid") == thumbprint:
            return key
    return None


def public_jwk(key) -> dict:
    return json.loads(key.export_public())


def sign_jwt(payload: dict, typ="vc+jwt", cty="vc") -> str:
    """A compact JWS over the payload, the URL of the current key as its ``kid``.

    ``typ``/``cty`` follow VC-JOSE-COSE for a credential secured with JOSE (``vc+jwt``, ``vc``),
    the media type the credential is served with. (The OB 3.0 header table still says a present
    ``typ`` is "JWT", a leftover of VC 1.1's VC-JWT; its verification steps do not read ``typ``.)"""
    key = signing_key()
    header = {"alg": ALGORITHM, "typ": typ, "kid": key_url(key)}
    if cty:
        header["cty"] = cty
    token = jwt.JWT(header=header, claims=json_encode(payload))
    token.make_signed_token(key)
    return token.serialize()


class InvalidCredential(ValueError):
    pass


def verify_jwt(token: str) -> dict:
    """The claims of a JWT signed by one of our keys (current or retired); InvalidCredential if not.

    Time claims are not judged here: an expired or revoked credential is still ours, and the
    caller says what its status is."""
    try:
        parsed = jws.JWS()
        parsed.deserialize(token.strip())
        kid = parsed.jose_header.get("kid")
        if parsed.jose_header.get("alg") != ALGORITHM:
            raise InvalidCredential("not signed with ES256")
        key = key_for(kid)
        if key is None:
            raise InvalidCredential("signed with a key we do not know")
        parsed.verify(key, alg=ALGORITHM)
        return json.loads(parsed.payload)
    except InvalidCredential:
        raise
    except Exception as error:  # anything malformed is simply not a credential of ours
        raise InvalidCredential(str(error) or error.__class__.__name__) from error
