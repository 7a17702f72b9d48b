"""GET /api/certificates/<code>: what the verify page shows, as JSON, rate-limited, and nothing more
of the person."""

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_answers_the_public_facts(client, certificate, settings):
    response = client.get(f"/api/certificates/{certificate.code.lower()}")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {
        "code": certificate.code,
        "status": "valid",
        "holder": certificate.full_name,
        "program": "Learning-Based Grading",
        "cohort": "Cohort 03",
        "hours": 30.0,
        "issued": timezone.localdate(certificate.issued_at).isoformat(),
        "valid_until": None,
        "revoked": None,
        "superseded_by": None,
        "issuer": settings.CERTIFICATE_ISSUER,
        "verify_url": f"{settings.SITE_URL}/certificates/verify/{certificate.code}/",
        "credential_url": f"{settings.SITE_URL}/credentials/{certificate.code}",
    }
    assert certificate.enrollment.user.email not in response.content.decode()


def test_unknown_code_is_a_404_in_json(client):
    response = client.get("/api/certificates/AAAABBBBCCCC")
    assert response.status_code == 404 and response.json() == {"error": "No certificate with this code."}


def test_only_get(client, certificate):
    assert client.post(f"/api/certificates/{certificate.code}").status_code == 405


def test_rate_limited_per_client(client, certificate, settings):
    settings.CERTIFICATE_API_PER_MINUTE = 3
    for _ in range(3):
        assert client.get(f"/api/certificates/{certificate.code}").status_code == 200
    response = client.get(f"/api/certificates/{certificate.code}")
    assert response.status_code == 429 and response["Retry-After"] == "60"
    # Another client is not held back.
    assert client.get(f"/api/certificates/{certificate.code}", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_guessing_codes_is_limited_like_the_verify_page(client, settings):
    settings.CERTIFICATE_VERIFY_GUESSES = 2
    assert client.get("/api/certificates/GUESSGUESS01").status_code == 404
    assert client.get("/api/certificates/GUESSGUESS02").status_code == 404
    assert client.get("/api/certificates/GUESSGUESS03").status_code == 429
