"""With a timestamp authority configured, certificates and transcripts are signed at PAdES B-LT:
timestamped by the TSA, with the certificates and revocation data their chains need embedded in the
document security store (DSS). Checked by pyHanko with nothing fetched, after the TSA (and its CRL)
is gone. Without a TSA the signature is B-B, and the verify page and README say so."""

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.status import SignatureCoverageLevel

from certificates import pdf, signing, transcript
from tests import tsa as local_tsa

pytestmark = pytest.mark.django_db


@pytest.fixture
def timestamp_authority(settings, tmp_path):
    authority = local_tsa.start(tmp_path)
    settings.SIGNING_TSA_URL = authority.url
    settings.SIGNING_TRUST_ROOTS = str(authority.ca_pem_path)
    yield authority
    authority.stop()


def long_term_validation(data, ca_pem_path):
    """pyHanko, reading only what the PDF carries: revocation status required for every certificate
    (hard-fail), no fetching."""
    reader = PdfFileReader(io.BytesIO(data))
    dss = DocumentSecurityStore.read_dss(reader)
    roots = [signing.signer_certificate(), load_cert_from_pemder(str(ca_pem_path))]
    context = dss.as_validation_context({"trust_roots": roots, "allow_fetching": False, "revocation_mode": "hard-fail"})
    (signature,) = reader.embedded_signatures
    return dss, validate_pdf_signature(signature, context)


def test_a_certificate_is_signed_at_b_lt_and_checks_out_after_the_tsa_is_gone(
    timestamp_authority, cohort, make_progress, django_capture_on_commit_callbacks, client
):
    from certificates import services

    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.award_certificate_if_complete(make_progress(13, cohort).pk)
    certificate.refresh_from_db()
    data = certificate.pdf.open("rb").read()
    # The signer asked the TSA for a timestamp and fetched its CA's CRL to embed.
    assert "/tsa" in timestamp_authority.requests and "/ca.crl" in timestamp_authority.requests
    timestamp_authority.stop()

    dss, status = long_term_validation(data, timestamp_authority.ca_pem_path)
    assert status.intact and status.valid and status.trusted
    assert status.timestamp_validity is not None and status.timestamp_validity.trusted  # B-T
    assert len(dss.crls) >= 1 and len(list(dss.load_certs())) >= 2  # B-LT: the TSA's chain and its CRL
    # Only validation data follows the signature.
    assert status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
    assert status.modification_level == ModificationLevel.LTA_UPDATES

    check = signing.check_signature(data)
    assert check.ok and check.level == "B-LT" and check.timestamped_at is not None
    html = client.post(
        f"/certificates/verify/{certificate.code}/",
        {"pdf": _upload(data)},
    ).content.decode()
    assert "Genuine and valid." in html
    assert "PAdES B-LT" in html and "timestamped by a timestamp authority" in html


def test_a_transcript_is_signed_at_b_lt_too(timestamp_authority, certificate, tmp_path):
    data = transcript.pdf_bytes(transcript.transcript_of(certificate.enrollment.user))
    timestamp_authority.stop()
    dss, status = long_term_validation(data, timestamp_authority.ca_pem_path)
    assert status.valid and status.trusted and status.timestamp_validity.trusted and dss.crls
    assert signing.check_signature(data).level == "B-LT"
    # pyHanko's command line, as the README tells a verifier to run it (its plain validation checks
    # revocation online, which the embedded data above already answered, so it is left out here).
    copy = tmp_path / "transcript.pdf"
    copy.write_bytes(data)
    pyhanko = shutil.which("pyhanko") or str(Path(sys.executable).parent / "pyhanko")
    trust = [signing.development_key_paths()[1], timestamp_authority.ca_pem_path]
    command = [pyhanko, "sign", "validate", "--trust-replace", "--no-revocation-check"]
    for path in trust:
        command += ["--trust", str(path)]
    result = subprocess.run([*command, str(copy)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "INTACT:TRUSTED,TIMESTAMP_TOKEN<INTACT:TRUSTED>,EXTENDED_WITH_LTA_UPDATES" in result.stdout


def test_without_a_tsa_the_signature_is_b_b_and_the_verify_page_and_readme_say_so(client, certificate):
    assert not django_settings.SIGNING_TSA_URL
    data = certificate.pdf.open("rb").read()
    check = signing.check_signature(data)
    assert check.ok and check.level == "B-B" and check.timestamped_at is None
    html = client.post(f"/certificates/verify/{certificate.code}/", {"pdf": _upload(data)}).content.decode()
    assert "Genuine and valid." in html and "PAdES B-B" in html and "no timestamp" in html
    assert "are signed at PAdES B-B" in client.get("/certificates/verify/").content.decode()
    readme = (Path(django_settings.BASE_DIR) / "README.md").read_text()
    assert "PAdES B-B" in readme and "SIGNING_TSA_URL" in readme and "B-LT" in readme


def test_a_tsa_that_cannot_be_reached_fails_the_signing_rather_than_signing_at_a_lower_level(settings, certificate):
    settings.SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"  # the discard port: nothing answers
    with pytest.raises(signing.TimestampAuthorityUnavailable):
        signing.sign_pdf(pdf.render_certificate_pdf(certificate), reason="test")
    assert issubclass(signing.TimestampAuthorityUnavailable, OSError)  # what produce_certificate retries on


def _upload(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("certificate.pdf", data)
