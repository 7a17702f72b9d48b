"""Sign-in with a district's accounts (django-allauth's social accounts), set from the environment.

- Google Workspace: ``SSO_GOOGLE_CLIENT_ID`` and ``SSO_GOOGLE_SECRET``.
- Microsoft 365 (Entra ID): ``SSO_MICROSOFT_CLIENT_ID``, ``SSO_MICROSOFT_SECRET`` and ``SSO_MICROSOFT_TENANT``
  (``organizations`` by default: any work or school account).
- A district's own OpenID Connect provider: ``SSO_DISTRICTS``, a JSON list of
  ``{"id", "name", "server_url", "client_id", "secret", "domains": [...], "required": true|false}``.

Accounts link by verified e-mail: a person whose district account carries the address they already sign in
with lands in their own account. A district that lists its ``domains`` with ``"required": true`` signs its
people in through its provider only: a password sign-in with such an address is refused and points at the
district's button. Nothing is on in the embedded default.
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


def districts_from(text: str) -> list[District]:
    """The districts' providers, from ``SSO_DISTRICTS``; a clear error for a malformed entry."""
    if not text.strip():
        return []
    try:
        entries = json.loads(text)
    except ValueError as error:
        raise ValueError(f"SSO_DISTRICTS is not JSON: {error}") from None
    districts = []
    for entry in entries:
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
    return configured, origins


def required_district(email: str, districts) -> District | None:
    """The district that signs this address in through its own provider only, if any."""
    domain = email.rsplit("@", 1)[-1].lower() if "@" in email else ""
    return next((d for d in districts if d.required and domain in d.domains), None)
