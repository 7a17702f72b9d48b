"""Production profile: check --deploy is clean, CSP allows nothing from elsewhere, logins are rate-limited."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(tmp_path, **overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "DJANGO_DEBUG", "PAYMENT_", "CACHE_URL", "TRUSTED_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "pd_platform.settings",
            "PD_VAR_DIR": str(tmp_path),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "pd.example.org",
            "SITE_URL": "https://pd.example.org",
            "DJANGO_HTTPS": "1",
            "CACHE_URL": "redis://127.0.0.1:6379/1",
            "TRUSTED_PROXY_COUNT": "1",
            **overrides,
        }
    )
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_of_per_process_rate_limits_and_test_payments(tmp_path):
    result = check_deploy(tmp_path, CACHE_URL="locmemcache://")
    assert result.returncode != 0 and "pd_platform.W001" in result.stderr + result.stdout
    result = check_deploy(tmp_path, PAYMENT_PROVIDER="test", PAYMENT_ALLOW_TEST_PROVIDER="1")
    assert result.returncode != 0 and "pd_platform.W002" in result.stderr + result.stdout
    result = check_deploy(tmp_path, CACHE_URL="locmemcache://", PAGE_CACHE="1")
    assert result.returncode != 0 and "pd_platform.W003" in result.stderr + result.stdout


def test_check_deploy_fails_when_links_would_lead_elsewhere(tmp_path):
    forgot = check_deploy(tmp_path, SITE_URL=None)  # the default, http://127.0.0.1:8000
    assert forgot.returncode != 0 and "pd_platform.E005" in forgot.stderr + forgot.stdout
    assert "ALLOWED_HOSTS (pd.example.org)" in forgot.stderr + forgot.stdout
    other = check_deploy(tmp_path, SITE_URL="https://pd.example.com")
    assert other.returncode != 0 and "pd_platform.E005" in other.stderr + other.stdout
    plain = check_deploy(tmp_path, SITE_URL="http://pd.example.org")
    assert plain.returncode != 0 and "pd_platform.W005" in plain.stderr + plain.stdout
    assert check_deploy(tmp_path, ALLOWED_HOSTS=".example.org", SITE_URL="https://pd.example.org").returncode == 0


def test_check_deploy_asks_which_proxies_to_trust_behind_tls(tmp_path):
    result = check_deploy(tmp_path, TRUSTED_PROXY_COUNT=None)
    assert result.returncode != 0 and "pd_platform.W004" in result.stderr + result.stdout
    assert check_deploy(tmp_path, TRUSTED_PROXY_COUNT=None, TRUSTED_CLIENT_IP_HEADER="X-Real-IP").returncode == 0


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_that_allows_no_other_origin(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "http" not in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_repeated_failed_logins_are_refused(client, participant, settings):
    from django.core.cache import cache

    cache.clear()
    for _ in range(5):
        client.post("/accounts/login/", {"login": participant.email, "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": participant.email, "password": "wrong-password"})
    assert response.status_code == 429 or "Too many failed login attempts" in response.content.decode()
    cache.clear()


@pytest.mark.django_db
def test_repeated_password_reset_requests_for_one_address_are_refused(client, participant, mailoutbox):
    from django.core.cache import cache

    cache.clear()
    answers = [client.post("/accounts/password/reset/", {"email": participant.email}).status_code for _ in range(8)]
    cache.clear()
    assert answers[0] == 302, "the first request was not accepted"
    assert 429 in answers, f"eight reset requests in a row were all accepted: {answers}"
    assert len(mailoutbox) < 8
