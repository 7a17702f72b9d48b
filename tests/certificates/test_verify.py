"""Anyone verifies a certificate by its code or its PDF; only the holder and admins download."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from weasyprint import HTML

from certificates import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(cohort, make_progress, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cert = services.award_certificate_if_complete(make_progress(13, cohort).pk)
    cert.refresh_from_db()
    return cert


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def test_valid_certificate_by_code(client, certificate):
    html = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "Valid certificate" in html
    for fact in [certificate.full_name, "Learning-Based Grading", "30", certificate.code, "Chief Academic Officer"]:
        assert fact in html
    # Codes are case-insensitive for people typing them.
    assert "Valid certificate" in client.get(f"/certificates/verify/{certificate.code.lower()}/").content.decode()


def test_revoked_certificate_shows_the_date(client, certificate, program_admin):
    services.revoke_certificate(certificate, program_admin, "Issued in error")
    html = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "Revoked certificate" in html and "was revoked on" in html


def test_reissued_certificate_points_to_its_successor(client, certificate, program_admin, django_capture_on_commit_callbacks):
    user = certificate.enrollment.user
    user.full_name = "Corrected Name"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        new = services.reissue_certificate(certificate, program_admin, "Name corrected")
    assert new.code != certificate.code and new.full_name == "Corrected Name"
    html = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "Superseded certificate" in html and f"/certificates/verify/{new.code}/" in html
    assert "Valid certificate" in client.get(f"/certificates/verify/{new.code}/").content.decode()


def test_unknown_codes_get_the_same_plain_answer_and_guessing_is_limited(client, settings):
    settings.CERTIFICATE_VERIFY_GUESSES = 5
    answers = set()
    for guess in ["AAAAAAAAAAAA", "ZZZZZZZZZZZZ", "<script>", "12", "QWERTYUPASDF"]:
        response = client.get(f"/certificates/verify/{guess}/")
        assert response.status_code == 404
        answers.add(response.content.decode().replace(guess, "").count("No such certificate"))
    assert answers == {1}
    assert client.get("/certificates/verify/ANOTHERGUESS/").status_code == 429


def upload(client, certificate, data, name="certificate.pdf"):
    return client.post(f"/certificates/verify/{certificate.code}/", {"pdf": SimpleUploadedFile(name, data)}).content.decode()


def test_uploaded_pdf_genuine_tampered_unsigned_and_revoked(client, certificate, program_admin):
    data = certificate.pdf.open("rb").read()
    assert "Genuine and valid." in upload(client, certificate, data)

    tampered = bytearray(data)
    tampered[data.find(b"/Producer") + 12] ^= 0x01
    assert "The signature does not check out." in upload(client, certificate, bytes(tampered))

    assert "Not a signed certificate." in upload(client, certificate, HTML(string="<p>fake</p>").write_pdf())
    assert "Not a signed certificate." in upload(client, certificate, b"not a pdf at all")

    services.revoke_certificate(certificate, program_admin, "Issued in error")
    assert "Genuine, but revoked" in upload(client, certificate, data)


def test_downloads_only_for_the_holder_and_admins(client, certificate, program_admin):
    url = f"/certificates/{certificate.code}/download/"
    client.force_login(certificate.enrollment.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(factories.participant())
    assert client.get(url).status_code == 404
    client.force_login(factories.facilitator())
    assert client.get(url).status_code == 404
    client.force_login(program_admin)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_holder_sees_their_certificates(client, certificate, django_assert_max_num_queries):
    client.force_login(certificate.enrollment.user)
    with django_assert_max_num_queries(10):
        html = client.get("/certificates/mine/").content.decode()
    assert f"/certificates/{certificate.code}/download/" in html
