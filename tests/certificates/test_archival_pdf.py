"""The certificate PDF is archival (PDF/A-3b), tagged, carries its credential as an associated file,
and is signed over the whole file: read by outside tools (pikepdf, pdfinfo, pdfdetach, pyHanko's
command line), not by our own code."""

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from certificates import services, signing
from tests.pdfua import assert_pdf_ua

pytestmark = pytest.mark.django_db


def test_pdf_a_3b_with_the_credential_attached_as_data(certificate):
    with pikepdf.open(certificate.pdf.path) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["pdfaid:part"] == "3" and xmp["pdfaid:conformance"] == "B"
        # What the file says of itself agrees in both places (PDF/A: Info and XMP match).
        assert str(pdf.docinfo["/Producer"]) == xmp["pdf:Producer"]
        assert str(pdf.docinfo["/Title"]) == xmp["dc:title"] == f"Certificate {certificate.code}"
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        associated = list(pdf.Root.AF)
        assert len(associated) == 1 and associated[0].AFRelationship == "/Data"
        (name, attached), *others = pdf.attachments.items()
        assert not others and name == f"open-badge-credential-{certificate.code}.jwt"
        stream = attached.get_file()
        assert stream.mime_type == "application/vc+jwt"
        assert stream.read_bytes().decode() == certificate.credential


def test_tagged_for_screen_readers(certificate):
    info = subprocess.run(["pdfinfo", certificate.pdf.path], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    with pikepdf.open(certificate.pdf.path) as pdf:
        assert str(pdf.Root.Lang) == "en" and pdf.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in pdf.Root
        # The QR code is a figure with its alternative text.
        figures = [element for element in _structure(pdf.Root.StructTreeRoot) if element.get("/S") == "/Figure"]
        assert figures and all(str(figure.get("/Alt", "")).strip() for figure in figures)
    with open(certificate.pdf.path, "rb") as file:
        assert_pdf_ua(file.read())


def _structure(node, depth=0):
    if depth > 40:
        return
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _structure(kid, depth + 1)


def test_the_signature_covers_the_whole_archival_file(certificate, tmp_path):
    data = Path(certificate.pdf.path).read_bytes()
    check = signing.check_signature(data)
    assert check.ok and check.covers_whole_file
    pyhanko = shutil.which("pyhanko") or str(Path(sys.executable).parent / "pyhanko")
    copy = tmp_path / "certificate.pdf"
    copy.write_bytes(data)
    trust = signing.development_key_paths()[1]
    result = subprocess.run(
        [pyhanko, "sign", "validate", "--trust", str(trust), "--trust-replace", str(copy)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "INTACT:TRUSTED,UNTOUCHED" in result.stdout, result.stdout + result.stderr
    detached = subprocess.run(
        ["pdfdetach", "-saveall", "-o", str(tmp_path), str(copy)], capture_output=True, text=True, check=True
    )
    assert detached.returncode == 0
    assert (tmp_path / f"open-badge-credential-{certificate.code}.jwt").read_text() == certificate.credential


def upload(client, data, name="certificate.pdf"):
    return client.post("/certificates/verify/", {"pdf": SimpleUploadedFile(name, data)}).content.decode()


def test_an_uploaded_pdf_reports_whether_its_credential_matches(client, certificate, cohort, make_progress):
    data = Path(certificate.pdf.path).read_bytes()
    assert "embedded Open Badges credential is genuine and is the one issued with this certificate" in upload(
        client, data
    )
    # Another certificate's credential put into this one's file is noticed (and breaks the signature).
    other = services.issue_credential(
        services.award_certificate_if_complete(make_progress(13, cohort).pk).pk
    ).credential
    with pikepdf.open(certificate.pdf.path) as pdf:
        pdf.attachments[f"open-badge-credential-{certificate.code}.jwt"] = pikepdf.AttachedFileSpec(
            pdf, other.encode(), mime_type="application/vc+jwt"
        )
        swapped = tmp_bytes(pdf)
    html = upload(client, swapped)
    assert "The signature does not check out." in html
    assert "signed by us but is not the one issued with this certificate" in html


def tmp_bytes(pdf):
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()
