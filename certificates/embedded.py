"""What a certificate PDF carries inside: its attached files, read with pyHanko's reader."""

import io
from dataclasses import dataclass

from pyhanko.pdf_utils.reader import PdfFileReader

from . import credential_keys


def attached_files(pdf_bytes: bytes) -> dict:
    """File name -> bytes of every embedded file; empty when there are none or the file is unreadable."""
    try:
        root = PdfFileReader(io.BytesIO(pdf_bytes), strict=False).root
        names = root["/Names"]["/EmbeddedFiles"]["/Names"]
        files = {}
        for position in range(0, len(names), 2):
            spec = names[position + 1]
            name = str(spec.get("/UF") or spec.get("/F") or names[position])
            files[name] = spec["/EF"]["/F"].data
        return files
    except Exception:  # noqa: BLE001 - a PDF without attachments (or no PDF at all) has none
        return {}


@dataclass(frozen=True)
class EmbeddedCredential:
    found: bool
    genuine: bool = False  # signed by our credential key (current or retired)
    matches: bool = False  # the very credential the certificate was issued with
    problem: str = ""


def check_embedded_credential(pdf_bytes: bytes, certificate) -> EmbeddedCredential:
    tokens = [data for name, data in attached_files(pdf_bytes).items() if name.endswith(".jwt")]
    if not tokens:
        return EmbeddedCredential(found=False)
    token = tokens[0].decode("ascii", "replace").strip()
    try:
        credential_keys.verify_jwt(token)
    except credential_keys.InvalidCredential as error:
        return EmbeddedCredential(found=True, problem=str(error))
    matches = bool(certificate is not None and certificate.credential and certificate.credential.strip() == token)
    return EmbeddedCredential(found=True, genuine=True, matches=matches)
