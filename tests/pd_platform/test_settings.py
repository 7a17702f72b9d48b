"""Settings come from the environment; the defaults are the embedded set-up."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST", ""),
    "debug": settings.DEBUG, "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL, "hosts": settings.ALLOWED_HOSTS,
    "secret": settings.SECRET_KEY, "email_backend": settings.EMAIL_BACKEND,
    "email_host": getattr(settings, "EMAIL_HOST", ""), "verification": settings.ACCOUNT_EMAIL_VERIFICATION,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT, "hsts": settings.SECURE_HSTS_SECONDS,
    "payment_provider": settings.PAYMENT_PROVIDER, "cache": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE, "page_cache": settings.PAGE_CACHE,
}))
"""

CONFIG_VARS = [
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "DJANGO_DEBUG",
    "DJANGO_HTTPS",
    "PYTEST_VERSION",
    "ACCOUNT_EMAIL_VERIFICATION",
    "PAYMENT_PROVIDER",
    "PAYMENT_ALLOW_TEST_PROVIDER",
    "CACHE_URL",
    "PAGE_CACHE",
]


def settings_with(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    clean.update({"DJANGO_SETTINGS_MODULE": "pd_platform.settings", "PD_VAR_DIR": str(tmp_path)}, **env)
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_embedded_defaults(tmp_path):
    s = settings_with(tmp_path)
    assert s["engine"] == "django.db.backends.sqlite3"
    assert s["name"] == str(tmp_path / "db.sqlite3")
    assert s["eager"] is True and s["broker"] == ""
    assert s["debug"] is False
    assert s["verification"] == "mandatory"
    assert s["email_backend"] == "pd_platform.mail.ConsoleBackend"  # the console, an attachment as a line
    assert s["hosts"] == ["127.0.0.1", "localhost"]
    # A secret key is made on first use and kept.
    assert len(s["secret"]) >= 50
    assert settings_with(tmp_path)["secret"] == s["secret"]


def test_production_environment(tmp_path):
    s = settings_with(
        tmp_path,
        DATABASE_URL="postgres://pd:pw@db.internal:5432/pd",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="pd.example.org,www.pd.example.org",
        EMAIL_URL="smtp+tls://mailer:pw@smtp.example.org:587",
        DJANGO_HTTPS="1",
    )
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["host"] == "db.internal" and s["name"] == "pd"
    assert s["eager"] is False and s["broker"] == "redis://127.0.0.1:6379/0"
    assert s["secret"] == "x" * 60
    assert s["hosts"] == ["pd.example.org", "www.pd.example.org"]
    assert s["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert s["email_host"] == "smtp.example.org"
    assert s["ssl_redirect"] is True and s["hsts"] >= 31536000


def test_debug_makes_email_verification_optional(tmp_path):
    s = settings_with(tmp_path, DJANGO_DEBUG="1")
    assert s["debug"] is True
    assert s["verification"] == "optional"


def test_sessions_sit_in_the_shared_cache_only(tmp_path):
    """With Redis the session is read from the cache (written through to the database); the
    embedded default's cache is each process's own, so sessions stay in the database there."""
    assert settings_with(tmp_path)["sessions"] == "django.contrib.sessions.backends.db"
    shared = settings_with(tmp_path, CACHE_URL="redis://127.0.0.1:6379/1")
    assert shared["cache"] == "pd_platform.cache.ResilientRedisCache"
    assert shared["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_pages_are_kept_whole_only_with_a_shared_cache(tmp_path):
    """Each process of the embedded default has its own cache: one would not see another's
    changes, so people's pages are kept whole only with Redis, unless turned off."""
    assert settings_with(tmp_path)["page_cache"] is False
    assert settings_with(tmp_path, CACHE_URL="redis://127.0.0.1:6379/1")["page_cache"] is True
    assert settings_with(tmp_path, CACHE_URL="redis://127.0.0.1:6379/1", PAGE_CACHE="0")["page_cache"] is False
