"""Deploy checks (``manage.py check --deploy``) for what this platform needs in production."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.http.request import validate_host


def cache_is_shared():
    return settings.CACHES["default"]["BACKEND"] in settings.SHARED_CACHE_BACKENDS


@checks.register(checks.Tags.security, deploy=True)
def production_settings(app_configs, **kwargs):
    problems = []
    if not cache_is_shared():
        problems.append(
            checks.Warning(
                "The cache is kept in each process, so sign-in rate limits are counted per gunicorn worker.",
                hint="Set CACHE_URL to Redis, e.g. redis://127.0.0.1:6379/1.",
                id="pd_platform.W001",
            )
        )
    if settings.PAGE_CACHE and not cache_is_shared():
        problems.append(
            checks.Warning(
                "PAGE_CACHE keeps people's pages in each process's own cache: a change made in one "
                "process shows in another's kept pages only after PAGE_CACHE_SECONDS.",
                hint="Set CACHE_URL to Redis, or PAGE_CACHE=0.",
                id="pd_platform.W003",
            )
        )
    if settings.PAYMENT_PROVIDER == "test" and (settings.DEBUG or settings.PAYMENT_ALLOW_TEST_PROVIDER):
        problems.append(
            checks.Warning(
                "Online payment is the test provider: people are marked paid without a card.",
                hint="Set PAYMENT_PROVIDER to a real provider, or leave it empty for purchase orders only.",
                id="pd_platform.W002",
            )
        )
    if settings.PAYMENT_PROVIDER == "stripe" and not (settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET):
        problems.append(
            checks.Error(
                "PAYMENT_PROVIDER is stripe without STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET: nobody could pay "
                "online, and no payment would ever be confirmed.",
                hint="Set both from the Stripe dashboard (the webhook secret of the /payments/stripe/webhook/ endpoint).",
                id="pd_platform.E004",
            )
        )
    if settings.HTTPS and settings.TRUSTED_PROXY_COUNT is None and not settings.TRUSTED_CLIENT_IP_HEADER:
        problems.append(
            checks.Warning(
                "DJANGO_HTTPS says a proxy terminates TLS, but not which proxies to trust: every request then "
                "counts as coming from the proxy, so ten wrong passwords anywhere lock out every sign-in.",
                hint="Set TRUSTED_PROXY_COUNT (1 for one nginx or load balancer in front of gunicorn), or "
                "TRUSTED_CLIENT_IP_HEADER (e.g. X-Real-IP); TRUSTED_PROXY_COUNT=0 if nothing stands in front.",
                id="pd_platform.W004",
            )
        )
    problems += site_url_problems()
    return problems


def site_url_problems():
    """Every link in an e-mail, invoice, certificate and credential starts with SITE_URL: one this
    deployment does not answer at would ship broken links with no other sign."""
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [
            checks.Error(
                f"SITE_URL ({settings.SITE_URL!r}) is not a web address, so every link the platform writes is broken.",
                hint="Set SITE_URL to the public address, e.g. https://pd.example.org.",
                id="pd_platform.E005",
            )
        ]
    if not validate_host(parts.hostname, settings.ALLOWED_HOSTS):
        return [
            checks.Error(
                f"SITE_URL is {settings.SITE_URL}, but this site answers only at ALLOWED_HOSTS "
                f"({', '.join(settings.ALLOWED_HOSTS) or 'none'}): every link in e-mails, invoices, certificates "
                "and credentials would lead somewhere else.",
                hint="Set SITE_URL to the public address people reach, e.g. https://pd.example.org.",
                id="pd_platform.E005",
            )
        ]
    if settings.HTTPS and parts.scheme != "https":
        return [
            checks.Warning(
                f"SITE_URL ({settings.SITE_URL}) starts with http:// though the site is served over HTTPS: "
                "links in e-mails and on certificates would go through a redirect, and a credential's "
                "address would not match where it is served.",
                hint="Start SITE_URL with https://.",
                id="pd_platform.W005",
            )
        ]
    return []
