"""Anyone verifies a certificate by its code or its PDF; only the holder and admins download."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from weasyprint import HTML

from certificates import services
from tests import factories

pytestmark = pytest.mark.django_db


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


def test_reissued_certificate_points_to_its_successor(
    client, certificate, program_admin, django_capture_on_commit_callbacks
):
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
    return client.post(
        f"/certificates/verify/{certificate.code}/", {"pdf": SimpleUploadedFile(name, data)}
    ).content.decode()


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


def test_holder_sees_their_certificates(
    client, certificate, make_progress, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from tests.factories import CohortFactory

    holder = certificate.enrollment.user
    client.force_login(holder)
    client.get("/dashboard/")  # the session's first request also refreshes the session
    with django_assert_num_queries(3):
        html = client.get("/certificates/mine/").content.decode()
    assert f"/certificates/{certificate.code}/download/" in html
    # Two more certificates: the same queries.
    for name in ("Cohort 91", "Cohort 92"):
        with django_capture_on_commit_callbacks(execute=True):
            services.award_certificate_if_complete(make_progress(13, CohortFactory(name=name), user=holder).pk)
    with django_assert_num_queries(3):
        html = client.get("/certificates/mine/").content.decode()
    assert html.count("/download/") == 3


def first_verdict(html):
    """The class of the first verdict box on the page: what a person sees first, and its colour."""
    import re

    return re.search(r'class="verdict verdict--(\w+)"', html).group(1)


def test_an_uploaded_pdf_decides_the_verdict_on_a_code_page(client, certificate):
    data = bytearray(certificate.pdf.open("rb").read())
    data[data.find(b"/Producer") + 12] ^= 0x01
    html = upload(client, certificate, bytes(data))
    assert first_verdict(html) == "revoked"  # red, from the upload, not green from the code
    assert "Valid certificate" not in html
    assert html.index("The signature does not check out.") < html.index("Check a certificate")
    # The genuine file on the same page is green.
    assert first_verdict(upload(client, certificate, certificate.pdf.open("rb").read())) == "valid"


def test_an_incremental_update_after_signing_is_not_genuine(client, certificate):
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(certificate.pdf.open("rb").read()))
    writer.root["/PageMode"] = generic.NameObject("/FullScreen")
    writer.update_root()
    updated = io.BytesIO()
    writer.write(updated)
    html = upload(client, certificate, updated.getvalue())
    assert "Genuine" not in html and first_verdict(html) == "revoked"


def test_a_look_alike_signer_with_our_name_is_not_trusted(client, certificate):
    """A key of its own with our certificate's subject, issuer and serial number."""
    import datetime
    import io
    import tempfile

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder_data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    from certificates.signing import signer_certificate

    ours = x509.load_der_x509_certificate(signer_certificate().dump())
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(ours.subject)
        .issuer_name(ours.issuer)
        .public_key(key.public_key())
        .serial_number(ours.serial_number)
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with tempfile.NamedTemporaryFile(suffix=".pem") as cert_file:
        cert_file.write(cert.public_bytes(serialization.Encoding.PEM))
        cert_file.flush()
        look_alike = signers.SimpleSigner(
            signing_cert=load_cert_from_pemder(cert_file.name),
            signing_key=load_private_key_from_pemder_data(pem_key, None),
            cert_registry=None,
        )
    fake = HTML(string=f"<h1>Certificate of completion</h1><p>{certificate.full_name}</p>").write_pdf()
    signed = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(fake)),
        signers.PdfSignatureMetadata(field_name="OrganizationSignature"),
        signer=look_alike,
    )
    html = upload(client, certificate, signed.getvalue())
    assert "The signature does not check out." in html and first_verdict(html) == "revoked"


def test_holder_can_add_it_to_linkedin_and_download_the_credential(client, certificate):
    from urllib.parse import parse_qs, urlsplit

    client.force_login(certificate.enrollment.user)
    html = client.get("/certificates/mine/").content.decode()
    assert "Add to LinkedIn profile" in html and "Download the Open Badges credential" in html
    link = re.search(r'href="(https://www\.linkedin\.com/profile/add\?[^"]+)"', html).group(1)
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"] and query["name"] == ["Learning-Based Grading"]
    assert query["certId"] == [certificate.code] and query["certUrl"][0].endswith(
        f"/certificates/verify/{certificate.code}/"
    )
    assert query["issueYear"] == [str(timezone.localdate(certificate.issued_at).year)] and query["organizationName"][0]
    assert "expirationYear" not in query


def test_another_participant_sees_none_of_it(client, certificate, participant):
    client.force_login(participant)
    html = client.get("/certificates/mine/").content.decode()
    assert certificate.code not in html and "linkedin" not in html.lower()
