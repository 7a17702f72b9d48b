"""Sign-in with a district's accounts (django-allauth's social accounts), set from the environment.

- Google Workspace: ``SSO_GOOGLE_CLIENT_ID`` and ``SSO_GOOGLE_SECRET``.
- Microsoft 365 (Entra ID): ``SSO_MICROSOFT_CLIENT_ID``, ``SSO_MICROSOFT_SECRET`` and ``SSO_MICROSOFT_TENANT``
  (``organizations`` by default: any work or school account).
- A district's own OpenID Connect provider: ``SSO_DISTRICTS``, a JSON list of
  ``{"id", "name", "server_url", "client_id", "secret", "domains": [...], "required": true|false}``.
- A district's own SAML 2.0 identity provider (ADFS, Entra ID, ClassLink, Shibboleth...): ``SSO_SAML_DISTRICTS``,
  a JSON list of ``{"id", "name", "entity_id", "sso_url", "x509cert", "domains": [...], "required": true|false}``
  (or ``"metadata_url"`` in place of ``sso_url`` and ``x509cert``), one configuration per organisation. Its
  service-provider metadata is at ``/accounts/saml/<id>/metadata/``. The IdP must sign its assertions; it vouches
  for addresses at its own ``domains`` only.

Accounts link by verified e-mail: a person whose district account carries the address they already sign in
with lands in their own account. A district that lists its ``domains`` with ``"required": true`` signs its
people in through its provider only: a password sign-in with such an address is refused and points at the
district's button. A person who signs in through a district's provider is placed in that district (its
``domains``, else its ``name``, matched to the office's Districts): the registration room hears the linked social
account and settles the person's district, which approvals and the training rate read. Nothing is on in the
embedded default.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

GOOGLE_ORIGIN = "https://accounts.google.com"
MICROSOFT_ORIGIN = "https://login.microsoftonline.com"


@dataclass(frozen=True)
class District:
    id: str
    name: str
    server_url: str
    client_id: str
    secret: str
    domains: tuple
    required: bool


def _entries(text: str, variable: str) -> list:
    if not text.strip():
        return []
    try:
        return json.loads(text)
    except ValueError as error:
        raise ValueError(f"{variable} is not JSON: {error}") from None


def districts_from(text: str) -> list[District]:
    """The districts' providers, from ``SSO_DISTRICTS``; a clear error for a malformed entry."""
    districts = []
    for entry in _entries(text, "SSO_DISTRICTS"):
        missing = [key for key in ("id", "name", "server_url", "client_id", "secret") if not entry.get(key)]
        if missing:
            raise ValueError(f"SSO_DISTRICTS entry {entry.get('id', '?')!r} lacks {', '.join(missing)}")
        districts.append(
            District(
                id=entry["id"],
                name=entry["name"],
                server_url=entry["server_url"].rstrip("/"),
                client_id=entry["client_id"],
                secret=entry["secret"],
                domains=tuple(d.lower().lstrip("@") for d in entry.get("domains", [])),
                required=bool(entry.get("required", False)),
            )
        )
    return districts


@dataclass(frozen=True)
class SamlDistrict:
    id: str
    name: str
    entity_id: str
    sso_url: str
    x509cert: str
    metadata_url: str
    domains: tuple
    required: bool
    attribute_mapping: dict

    @property
    def origin(self):
        parts = urlsplit(self.sso_url or self.metadata_url)
        return f"{parts.scheme}://{parts.netloc}"


def saml_districts_from(text: str) -> list[SamlDistrict]:
    """The districts' SAML identity providers, from ``SSO_SAML_DISTRICTS``; a clear error for a malformed entry."""
    districts = []
    for entry in _entries(text, "SSO_SAML_DISTRICTS"):
        where = ("metadata_url",) if entry.get("metadata_url") else ("sso_url", "x509cert")
        missing = [key for key in ("id", "name", "entity_id", *where) if not entry.get(key)]
        if missing:
            raise ValueError(f"SSO_SAML_DISTRICTS entry {entry.get('id', '?')!r} lacks {', '.join(missing)}")
        if not entry.get("domains"):
            raise ValueError(
                f"SSO_SAML_DISTRICTS entry {entry['id']!r} lacks domains (the addresses its IdP vouches for)"
            )
        districts.append(
            SamlDistrict(
                id=entry["id"],
                name=entry["name"],
                entity_id=entry["entity_id"],
                sso_url=entry.get("sso_url", ""),
                x509cert=entry.get("x509cert", ""),
                metadata_url=entry.get("metadata_url", ""),
                domains=tuple(d.lower().lstrip("@") for d in entry["domains"]),
                required=bool(entry.get("required", False)),
                attribute_mapping=entry.get("attribute_mapping") or SAML_ATTRIBUTES,
            )
        )
    return districts


# Where districts' IdPs put what the platform needs: the names of ADFS/Entra ID (claims) and of the
# eduPerson/LDAP schema (urn:oid) that Shibboleth, ClassLink and Google Workspace use.
SAML_ATTRIBUTES = {
    "uid": ["urn:oasis:names:tc:SAML:attribute:subject-id", "urn:oid:1.3.6.1.4.1.5923.1.1.1.6"],
    "email": [
        "urn:oid:0.9.2342.19200300.100.1.3",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "email",
        "mail",
    ],
    "first_name": ["urn:oid:2.5.4.42", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "givenName"],
    "last_name": ["urn:oid:2.5.4.4", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "sn"],
}


def _saml_app(d: SamlDistrict) -> dict:
    idp = {"entity_id": d.entity_id}
    if d.metadata_url:
        idp["metadata_url"] = d.metadata_url
    else:
        idp.update(sso_url=d.sso_url, x509cert=d.x509cert)
    return {
        "name": d.name,
        "provider_id": d.id,  # each district's people are its own (a uid is unique within one IdP only)
        "client_id": d.id,  # the organisation's slug in /accounts/saml/<id>/...
        "settings": {
            "idp": idp,
            "attribute_mapping": d.attribute_mapping,
            "use_nameid_for_email": False,
            "verified_email": list(d.domains),  # it vouches for its own domains' addresses, no others
            "advanced": {"want_assertion_signed": True, "reject_deprecated_algorithm": True, "strict": True},
        },
    }


def providers(env) -> tuple[dict, list[str]]:
    """``SOCIALACCOUNT_PROVIDERS`` and the origins the sign-in forms may send people to (CSP form-action)."""
    configured, origins = {}, []
    if env("SSO_GOOGLE_CLIENT_ID", default=""):
        configured["google"] = {
            "APPS": [{"client_id": env("SSO_GOOGLE_CLIENT_ID"), "secret": env("SSO_GOOGLE_SECRET", default="")}],
            "SCOPE": ["openid", "email", "profile"],
            "OAUTH_PKCE_ENABLED": True,
        }
        origins.append(GOOGLE_ORIGIN)
    if env("SSO_MICROSOFT_CLIENT_ID", default=""):
        configured["microsoft"] = {
            "APPS": [
                {
                    "client_id": env("SSO_MICROSOFT_CLIENT_ID"),
                    "secret": env("SSO_MICROSOFT_SECRET", default=""),
                    "settings": {"tenant": env("SSO_MICROSOFT_TENANT", default="organizations")},
                }
            ],
        }
        origins.append(MICROSOFT_ORIGIN)
    districts = districts_from(env("SSO_DISTRICTS", default=""))
    if districts:
        configured["openid_connect"] = {
            "APPS": [
                {
                    "provider_id": d.id,
                    "name": d.name,
                    "client_id": d.client_id,
                    "secret": d.secret,
                    "settings": {"server_url": d.server_url, "oauth_pkce_enabled": True},
                }
                for d in districts
            ]
        }
        origins += sorted({f"{urlsplit(d.server_url).scheme}://{urlsplit(d.server_url).netloc}" for d in districts})
    saml = saml_districts_from(env("SSO_SAML_DISTRICTS", default=""))
    shared = {d.id for d in districts} & {d.id for d in saml}
    if shared:
        raise ValueError(f"SSO_DISTRICTS and SSO_SAML_DISTRICTS both use the id {', '.join(sorted(shared))}")
    if saml:
        configured["saml"] = {"APPS": [_saml_app(d) for d in saml]}
        origins += sorted({d.origin for d in saml})
    return configured, origins


def required_district(email: str, districts) -> District | None:
    """The district that signs this address in through its own provider only, if any."""
    domain = email.rsplit("@", 1)[-1].lower() if "@" in email else ""
    return next((d for d in districts if d.required and domain in d.domains), None)
