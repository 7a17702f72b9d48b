"""The organization's digital signature on certificates and transcripts (PAdES, with pyHanko).

With a timestamp authority configured (SIGNING_TSA_URL, RFC 3161) the signature is PAdES B-LT: the
TSA timestamps it, and the certificates and revocation data (CRLs, OCSP responses) that its chains
need are embedded in the PDF's document security store (DSS), so it can be checked long after the
signing key expires. Without one it is PAdES B-B: signed, with the signing time our server claims.

Production configures a PKCS#12 file (CERTIFICATE_SIGNING_PKCS12) or a PEM key and
certificate (CERTIFICATE_SIGNING_KEY / CERTIFICATE_SIGNING_CERT), with the passphrase in
CERTIFICATE_SIGNING_PASSPHRASE. The embedded set-up creates a self-signed development
key and certificate on first use under var/signing/ (git-ignored).
"""

import datetime
import io
import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

_lock = threading.Lock()


def development_key_paths():
    folder = Path(settings.VAR_DIR) / "signing"
    return folder / "dev-signing-key.pem", folder / "dev-signing-cert.pem"


def ensure_development_key():
    """A self-signed key and certificate for the embedded set-up, made once."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key_path, cert_path = development_key_paths()
    with _lock:
        if key_path.exists() and cert_path.exists():
            return key_path, cert_path
        key_path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, f"{settings.SITE_NAME} certificates (development)"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, settings.CERTIFICATE_ISSUER),
            ]
        )
        now = datetime.datetime.now(datetime.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(key, hashes.SHA256())
        )
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        key_path.chmod(0o600)
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        return key_path, cert_path


# Room for the CMS signature; reserving it up front spares pyHanko a dry-run signature. A timestamp
# token (with the TSA's certificates) makes it larger.
SIGNATURE_BYTES_RESERVED = 16384
TIMESTAMPED_SIGNATURE_BYTES_RESERVED = 32768
TSA_TIMEOUT_SECONDS = 10


class KeepKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner parses the private key again for every signature, which for
    RSA costs more than the signature itself; this one parses it once."""

    @classmethod
    def from_signer(cls, signer):
        return cls(signing_cert=signer.signing_cert, signing_key=signer.signing_key, cert_registry=signer.cert_registry)

    @cached_property
    def _private_key(self):
        from cryptography.hazmat.primitives import serialization

        return serialization.load_der_private_key(self.signing_key.dump(), password=None)

    def sign_raw(self, data, digest_algorithm):
        from cryptography.hazmat.primitives.asymmetric.ec import ECDSA
        from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
        from pyhanko.sign.general import get_pyca_cryptography_hash

        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15":
            return self._private_key.sign(data, PKCS1v15(), hash_algorithm)
        if mechanism == "ecdsa":
            return self._private_key.sign(data, ECDSA(hash_algorithm))
        return super().sign_raw(data, digest_algorithm)


@lru_cache(maxsize=1)
def get_signer():
    passphrase = settings.CERTIFICATE_SIGNING_PASSPHRASE.encode() if settings.CERTIFICATE_SIGNING_PASSPHRASE else None
    if settings.CERTIFICATE_SIGNING_PKCS12:
        signer = signers.SimpleSigner.load_pkcs12(settings.CERTIFICATE_SIGNING_PKCS12, passphrase=passphrase)
    elif settings.CERTIFICATE_SIGNING_KEY and settings.CERTIFICATE_SIGNING_CERT:
        signer = signers.SimpleSigner.load(
            settings.CERTIFICATE_SIGNING_KEY, settings.CERTIFICATE_SIGNING_CERT, key_passphrase=passphrase
        )
    else:
        key_path, cert_path = ensure_development_key()
        signer = signers.SimpleSigner.load(str(key_path), str(cert_path))
    if signer is None:
        raise RuntimeError("The certificate signing key could not be loaded: check the path and passphrase.")
    return KeepKeySigner.from_signer(signer)


def signer_certificate():
    return get_signer().signing_cert


def signature_level() -> str:
    """The PAdES baseline level ``sign_pdf`` signs at with the present settings."""
    return "B-LT" if settings.SIGNING_TSA_URL else "B-B"


def trust_roots():
    """Roots to trust for the signing key's and the TSA's chains: the configured ones, and the
    signing certificate itself when it is self-signed (the development key)."""
    from pyhanko.keys import load_certs_from_pemder

    roots = list(load_certs_from_pemder([settings.SIGNING_TRUST_ROOTS])) if settings.SIGNING_TRUST_ROOTS else []
    certificate = signer_certificate()
    if certificate.self_signed != "no":
        roots.append(certificate)
    return roots


def sign_pdf(pdf_bytes: bytes, reason: str) -> bytes:
    """A PAdES signature by the organization's key over the whole document: B-LT (timestamped, with
    validation data in the DSS) when a timestamp authority is configured, B-B otherwise."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    _keep_info_as_xmp(writer)
    long_term: dict[str, Any] = {}
    timestamper = None
    if settings.SIGNING_TSA_URL:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(settings.SIGNING_TSA_URL, timeout=TSA_TIMEOUT_SECONDS)
        # Fetching allowed: the CRLs and OCSP responses of both chains are fetched now, to embed.
        long_term = {
            "embed_validation_info": True,
            "validation_context": ValidationContext(trust_roots=trust_roots(), allow_fetching=True),
        }
    meta = signers.PdfSignatureMetadata(
        field_name="OrganizationSignature",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        name=settings.CERTIFICATE_ISSUER,
        location=settings.SITE_URL,
        **long_term,
    )
    from pyhanko.sign.timestamps import TimestampRequestError

    try:
        output = signers.sign_pdf(
            writer,
            meta,
            signer=get_signer(),
            timestamper=timestamper,
            # An invisible signature: PDF/A needs its widget's print flag, PDF/UA that an untagged widget
            # be hidden or off the page, so the widget's zero-size box lies outside the page.
            new_field_spec=fields.SigFieldSpec(
                "OrganizationSignature",
                invis_sig_settings=fields.InvisSigSettings(box_out_of_bounds=True),
                readable_field_name=f"Signature of {settings.CERTIFICATE_ISSUER}",
            ),
            bytes_reserved=TIMESTAMPED_SIGNATURE_BYTES_RESERVED if timestamper else SIGNATURE_BYTES_RESERVED,
        )
    except TimestampRequestError as error:
        raise TimestampAuthorityUnavailable(f"{settings.SIGNING_TSA_URL}: {error}") from error
    return output.getvalue()


class TimestampAuthorityUnavailable(OSError):
    """The TSA did not answer: nothing is signed at a lower level than configured, and the task that
    produces the certificate retries (it retries on OSError)."""


def _keep_info_as_xmp(writer):
    """An archival (PDF/A) file says who produced it twice, in the Info dictionary and in its XMP
    metadata, and the two must agree. pyHanko's update writes its own name into the XMP but
    appends it to the Info entry; give the Info entry the same value first, so both agree."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    if "/Metadata" not in writer.root or "/Info" not in writer.trailer:
        return
    reference = writer.trailer.raw_get("/Info")
    info = reference.get_object()
    info["/Producer"] = generic.TextStringObject(VENDOR)
    if isinstance(reference, generic.IndirectObject):
        writer.mark_update(reference)


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool
    intact: bool = False
    valid: bool = False  # intact, and made by our signing certificate
    covers_whole_file: bool = False  # nothing after it but validation data (the DSS)
    signer: str = ""
    timestamped_at: datetime.datetime | None = None  # by a trusted timestamp authority
    level: str = ""  # PAdES baseline level: B-B, B-T or B-LT

    @property
    def ok(self):
        return self.signed and self.intact and self.valid and self.covers_whole_file


def check_signature(pdf_bytes: bytes) -> SignatureCheck:
    """Is this PDF signed by our key, unchanged since? (What an outside verifier checks.) Validation
    data comes only from the file's DSS, nothing is fetched: a B-LT signature checks out on its own."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes))
        embedded = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - anything unreadable is simply not a signed PDF of ours
        return SignatureCheck(signed=False)
    if not embedded:
        return SignatureCheck(signed=False)
    sig = embedded[-1]
    ours = signer_certificate()
    context_kwargs: dict[str, Any] = {"trust_roots": [ours, *trust_roots()], "allow_fetching": False}
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        dss = None
    try:
        context = dss.as_validation_context(context_kwargs) if dss else ValidationContext(**context_kwargs)
        status = validate_pdf_signature(sig, context)
    except Exception:  # noqa: BLE001
        return SignatureCheck(signed=True)
    stamp = status.timestamp_validity
    timestamped = stamp is not None and stamp.intact and stamp.valid and stamp.trusted
    validation_data = timestamped and dss is not None and _checks_out_on_embedded_data(sig, dss, context_kwargs)
    only_validation_data_after = (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level == ModificationLevel.LTA_UPDATES
    )
    return SignatureCheck(
        signed=True,
        intact=bool(status.intact),
        valid=bool(status.valid and status.trusted and status.signing_cert.dump() == ours.dump()),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE or only_validation_data_after,
        signer=status.signing_cert.subject.human_friendly,
        timestamped_at=stamp.timestamp if stamp is not None and timestamped else None,
        level="B-LT" if validation_data else ("B-T" if timestamped else "B-B"),
    )


def _checks_out_on_embedded_data(sig, dss, context_kwargs):
    """Long-term validation data is there when the signature and its timestamp validate with every
    certificate's revocation status required (hard-fail) and nothing fetched."""
    context = dss.as_validation_context({**context_kwargs, "revocation_mode": "hard-fail"})
    try:
        status = validate_pdf_signature(sig, context)
    except Exception:  # noqa: BLE001
        return False
    stamp = status.timestamp_validity
    return bool(status.valid and status.trusted and stamp is not None and stamp.valid and stamp.trusted)
