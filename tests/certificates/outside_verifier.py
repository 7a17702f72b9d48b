"""How a verifier elsewhere checks an Open Badges 3.0 credential secured as a JWT: the steps of OB 3.0
section 8.2.4, with PyJWT (the platform signs with jwcrypto). ``get(url)`` fetches an absolute URL
and returns a response (the Django test client or ``requests`` against a running site): the key is
taken from where the token's ``kid`` says, nothing else is trusted."""

from datetime import UTC, datetime

import jwt


def seconds(stamp):
    return int(datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())


def content_type(response):
    return response.headers["Content-Type"]


def verified_payload(token, get):
    """8.2.4 steps 1-5: read the JOSE header, dereference the ``kid`` to a JWK, check the signature."""
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "ES256" and header["typ"] == "vc+jwt" and header["cty"] == "vc"
    response = get(header["kid"])
    assert response.status_code == 200 and content_type(response) == "application/jwk+json"
    public = response.json()
    assert "d" not in public and public["kty"] == "EC"
    return jwt.decode(token, jwt.PyJWK(public, algorithm="ES256"), algorithms=["ES256"], options={"verify_aud": False})


def verify(token, get):
    """The whole of 8.2.4: the signature, then each registered claim against the credential (8.2.4.1).
    Returns the credential the payload is."""
    payload = verified_payload(token, get)
    assert "vc" not in payload, "the payload is the credential itself, not a VC 1.1 wrapper"
    issuer = payload["issuer"]["id"] if isinstance(payload["issuer"], dict) else payload["issuer"]
    assert payload["iss"] == issuer
    assert payload["sub"] == payload["credentialSubject"]["id"]
    assert payload["nbf"] == seconds(payload["validFrom"])
    assert payload["jti"] == payload["id"]
    if "validUntil" in payload or "exp" in payload:
        assert payload["exp"] == seconds(payload["validUntil"])
    return payload
