"""A real RFC 3161 timestamp authority on a free loopback port, for tests: an HTTP server (wsgiref,
in a thread) that answers ``application/timestamp-query`` POSTs with timestamp tokens built by
pyHanko's own TSA response code, and publishes its CA's CRL, which the TSA certificate names as
its CRL distribution point, so a signer can fetch the revocation data it embeds.

The signer under test talks to it over HTTP as it would to any TSA; nothing on the client side is
replaced."""

import datetime
import threading
from dataclasses import dataclass
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps import DummyTimeStamper


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@dataclass
class TimestampAuthority:
    url: str
    ca_pem_path: Path
    requests: list  # the paths asked for, in order (what the signer fetched)
    server: WSGIServer
    thread: threading.Thread

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _issue(folder: Path, port: int):
    now = datetime.datetime.now(datetime.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Test Timestamp Root CA"))
        .issuer_name(_name("Test Timestamp Root CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    crl_url = f"http://127.0.0.1:{port}/ca.crl"
    tsa = (
        x509.CertificateBuilder()
        .subject_name(_name("Test Timestamp Authority"))
        .issuer_name(ca.subject)
        .public_key(tsa_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=90))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.subject)
        .last_update(now - datetime.timedelta(minutes=5))
        .next_update(now + datetime.timedelta(days=7))
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_pem_path = folder / "tsa-root.pem"
    ca_pem_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    tsa_private = tsa_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    responder = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(tsa_private),
        certs_to_embed=[asn1_x509.Certificate.load(ca.public_bytes(serialization.Encoding.DER))],
    )
    return ca_pem_path, responder, crl.public_bytes(serialization.Encoding.DER)


def start(folder: Path) -> TimestampAuthority:
    state = {}
    requests = []

    def app(environ, start_response):
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        requests.append(path)
        if method == "POST" and path == "/tsa":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            query = tsp.TimeStampReq.load(environ["wsgi.input"].read(length))
            body = state["responder"].request_tsa_response(query).dump()
            start_response("200 OK", [("Content-Type", "application/timestamp-reply")])
            return [body]
        if method == "GET" and path == "/ca.crl":
            start_response("200 OK", [("Content-Type", "application/pkix-crl")])
            return [state["crl"]]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not here"]

    server = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    port = server.server_port
    ca_pem_path, state["responder"], state["crl"] = _issue(folder, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return TimestampAuthority(
        url=f"http://127.0.0.1:{port}/tsa", ca_pem_path=ca_pem_path, requests=requests, server=server, thread=thread
    )
