"""A district's SAML 2.0 identity provider on this machine, for the tests: pysaml2's IdP (an
implementation independent of the platform's python3-saml), with a key and certificate made in
the test, signing its assertions with the xmlsec1 program. It knows the platform from the
service-provider metadata the platform publishes, answers an AuthnRequest (HTTP-Redirect binding)
for the person the test says is signed in there, and hands back the auto-posting form of the
HTTP-POST binding."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

RSA_SHA256, SHA256 = SIG_RSA_SHA256, DIGEST_SHA256


def key_and_certificate(folder, name):
    """A private key and a self-signed certificate, as files (what xmlsec1 reads), and the certificate's base64."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM)
    cert_file.write_bytes(pem)
    body = "".join(pem.decode().strip().splitlines()[1:-1])
    return key_file, cert_file, body


class DistrictIdP:
    def __init__(self, folder, name="riverside-idp"):
        self.key_file, self.cert_file, self.certificate = key_and_certificate(folder, name)
        self.person = None  # who is signed in at the district: {"uid", "mail", "givenName", "sn"}
        self.requests = []
        self.algorithms = (RSA_SHA256, SHA256)  # (signature, digest); districts on old IdPs still sign with SHA-1
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.http.idp = self
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.http.server_port}"
        self.entity_id = f"{self.base}/idp"
        self.sso_url = f"{self.base}/sso"
        self.server = None

    def trust(self, sp_metadata: str):
        """Load the platform's service-provider metadata (as a district's admin uploads it)."""
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "service": {
                    "idp": {
                        "endpoints": {"single_sign_on_service": [(self.sso_url, BINDING_HTTP_REDIRECT)]},
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}},
                    }
                },
                "key_file": str(self.key_file),
                "cert_file": str(self.cert_file),
                "xmlsec_binary": "/usr/bin/xmlsec1",
                "metadata": {"inline": [sp_metadata]},
            }
        )
        self.server = Server(config=config)

    def answer(self, saml_request, relay_state):
        """The auto-posting HTML form with a signed response for the signed-in person."""
        request = self.server.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT).message
        self.requests.append(request)
        sp = request.issuer.text
        destination = request.assertion_consumer_service_url
        person = dict(self.person)
        uid = person.pop("uid")
        response = self.server.create_authn_response(
            identity={key: [value] for key, value in person.items()},
            in_response_to=request.id,
            destination=destination,
            sp_entity_id=sp,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=uid),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
            sign_assertion=True,
            sign_response=True,
            sign_alg=self.algorithms[0],
            digest_alg=self.algorithms[1],
        )
        return self.server.apply_binding(BINDING_HTTP_POST, str(response), destination, relay_state, response=True)

    def close(self):
        self.http.shutdown()
        self.http.server_close()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        idp = self.server.idp
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path != "/sso" or "SAMLRequest" not in query or idp.person is None:
            return self.reply(400, "no request, or nobody signed in at the district")
        args = idp.answer(query["SAMLRequest"], query.get("RelayState", ""))
        return self.reply(200, args["data"])

    def reply(self, status, text):
        payload = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass
