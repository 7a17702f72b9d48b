"""Deploy checks (``manage.py check --deploy``) for what this platform needs in production."""

from django.conf import settings
from django.core import checks


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
    return problems
