"""Credentials issued in the earlier form, and the same credentials in today's form.

Until the OB 3.0 / VC-JOSE-COSE change a credential was signed as a VC 1.1-style VC-JWT: the
credential sat in a ``vc`` claim beside ``iss``/``sub``/``jti``/``nbf``/``iat``, the header named the
key by its bare thumbprint (``typ`` ``JWT``), the credential carried ``issuanceDate`` (and
``expirationDate``) beside ``validFrom`` (``validUntil``), and its subject had no ``id``. OB 3.0
verifiers refuse that form. ``current_form`` turns one into the credential today's code signs, with
the same id, validity dates, status-list entry and everything it said of the holder and the
achievement; only a token signed by one of our keys is turned (re-signing another's would
launder a forgery).
"""

import base64
import json

from . import keys as credential_keys
from . import open_badges as credentials

VC_1_1_TERMS = ("issuanceDate", "expirationDate")


def unverified_payload(token: str) -> dict:
    """A compact JWS's payload, not checked: only to tell which form it is. Empty if unreadable."""
    try:
        part = token.strip().split(".")[1]
        payload = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (IndexError, ValueError):
        return {}
    return payload if isinstance(payload, dict) else {}


def credential_in(payload: dict) -> dict:
    """The credential a verified payload carries, in either form."""
    inner = payload.get("vc")
    return inner if isinstance(inner, dict) else payload


def is_earlier_form(payload: dict) -> bool:
    return isinstance(payload.get("vc"), dict)


def credential_id(token: str):
    """The id of the credential a token of ours carries (either form); None if it is not ours."""
    try:
        payload = credential_keys.verify_jwt(token)
    except credential_keys.InvalidCredential:
        return None
    return credential_in(payload).get("id")


def current_form(token: str, code: str) -> dict:
    """The credential an earlier-form token of ours carries, in today's form (unsigned).

    InvalidCredential if the token is not signed by one of our keys or is not certificate ``code``'s."""
    payload = credential_keys.verify_jwt(token)
    if not is_earlier_form(payload):
        raise credential_keys.InvalidCredential("already in the current form")
    credential = json.loads(json.dumps(payload["vc"]))
    # Its id is the URL it is served at, ending in the code (under whatever SITE_URL was then).
    if not str(credential.get("id", "")).endswith(f"/{code}"):
        raise credential_keys.InvalidCredential("not this certificate's credential")
    credential.setdefault("validFrom", credential.get("issuanceDate"))
    if "expirationDate" in credential:
        credential.setdefault("validUntil", credential["expirationDate"])
    for term in VC_1_1_TERMS:
        credential.pop(term, None)
    subject = credential["credentialSubject"]
    credential["credentialSubject"] = {"id": credentials.subject_id(code), **subject}
    return credential
