"""What a certificate PDF carries inside: its attached files, read with pyHanko's reader."""

import io
from dataclasses import dataclass

from pyhanko.pdf_utils.reader import PdfFileReader

from .credentials import keys as credential_keys
from .credentials import upgrade as credential_upgrade


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
    matches: bool = False  # this certificate's credential (same id), as served now or as first signed
    earlier_form: bool = False  # in the form it had before it was signed again in the OB 3.0 form
    problem: str = ""


def check_embedded_credential(pdf_bytes: bytes, certificate) -> EmbeddedCredential:
    """The credential attached to a certificate PDF: ours, and this certificate's?

    A PDF keeps the credential it was issued with. One issued before credentials took the OB 3.0 form
    carries the earlier form of the credential that is now served re-signed: it is the same credential
    when it is signed by one of our keys and has the same id (comparing tokens would call it another)."""
    tokens = [data for name, data in attached_files(pdf_bytes).items() if name.endswith(".jwt")]
    if not tokens:
        return EmbeddedCredential(found=False)
    token = tokens[0].decode("ascii", "replace").strip()
    try:
        payload = credential_keys.verify_jwt(token)
    except credential_keys.InvalidCredential as error:
        return EmbeddedCredential(found=True, problem=str(error))
    if certificate is None or not certificate.credential:
        return EmbeddedCredential(found=True, genuine=True)
    if certificate.credential.strip() == token:
        return EmbeddedCredential(found=True, genuine=True, matches=True)
    embedded_id = credential_upgrade.credential_in(payload).get("id")
    same = embedded_id is not None and embedded_id == credential_upgrade.credential_id(certificate.credential)
    earlier = same and credential_upgrade.is_earlier_form(payload)
    return EmbeddedCredential(found=True, genuine=True, matches=same, earlier_form=earlier)
