"""Whose request this is, for every per-client counter (sign-in throttles, certificate lookups,
the APIs): the one rule, read from the proxies the settings say are ours.

Behind a reverse proxy every request comes from the proxy's address, so counting by
``REMOTE_ADDR`` would put everyone in one bucket: ten wrong passwords anywhere would lock out
every sign-in. The proxy tells us the client's address, in a header a client can also send
itself; so it is believed only as far as the settings say proxies of ours stand in front:

- ``TRUSTED_CLIENT_IP_HEADER`` (e.g. ``X-Real-IP``, ``CF-Connecting-IP``): the proxy sets it,
  overwriting whatever the client sent;
- ``TRUSTED_PROXY_COUNT`` = N: each of our N proxies appends the address it was reached from to
  ``X-Forwarded-For``, so the N-th entry from the right is the client (anything to its left the
  client could have written).

Neither set: ``REMOTE_ADDR``. A header that is missing, malformed or too short (a request that
reached gunicorn without the proxies) also falls back to ``REMOTE_ADDR``, never to a value the
client chose.
"""

import ipaddress

from django.conf import settings


def _address(value):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.7:51234
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def from_proxies(meta: dict) -> str | None:
    """The client's address as our proxies report it, or None where they report none we can trust."""
    header = settings.TRUSTED_CLIENT_IP_HEADER
    if header:
        return _address(meta.get("HTTP_" + header.upper().replace("-", "_")))
    count = settings.TRUSTED_PROXY_COUNT or 0
    forwarded = [part for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count > 0 and len(forwarded) >= count:
        return _address(forwarded[-count])
    return None


def client_address(request) -> str:
    """The address every per-client counter is keyed on."""
    return from_proxies(request.META) or _address(request.META.get("REMOTE_ADDR")) or "unknown"
