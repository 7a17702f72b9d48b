"""A small LTI 1.3 platform (an LMS) on this machine, for the tests.

It has its own RSA key (made here) and publishes it as a JWKS over HTTP; its OIDC authorization
endpoint answers the tool's login redirect with an id_token it signs (the nonce and state the tool
sent, the claims of the launch a test prepared); its token endpoint checks the tool's client
assertion against the tool's public keys (pasted in, as an LMS admin pastes a developer key's
"Public JWK") and issues bearer tokens; its AGS line items record the scores posted with one;
its deep-linking return checks the tool's signed answer the same way.
"""

import html.parser
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from jwcrypto import jwk, jwt

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"


class _Forms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.action, self.fields = None, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.action = attrs.get("action")
        if tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value", "")


def form_in(page: str):
    """(action, fields) of the first form of an HTML page."""
    parser = _Forms()
    parser.feed(page)
    return parser.action, parser.fields


class LocalPlatform:
    def __init__(self, client_id="pd-tool-client", deployment_id="deployment-1"):
        self.client_id, self.deployment_id = client_id, deployment_id
        self.key = jwk.JWK.generate(kty="RSA", size=2048, kid=secrets.token_hex(8))
        self.launches = {}  # lti_message_hint -> claims for the id_token
        self.scores = []  # (line item path, score JSON)
        self.tokens = {}  # bearer token -> scopes
        self.deep_link_answers = []  # the tool's content items, checked
        self.token_requests = 0
        self.tool_jwks = None  # the tool's keys as the LMS admin pasted them (GET /lti/jwks/)
        self.down = False
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.platform = self
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path):
        return self.issuer + path

    # What the tool's admin enters in Admin -> LMS registrations.
    def registration(self, **fields):
        from lti_tool.models import LtiRegistration

        return LtiRegistration.objects.create(
            name=fields.pop("name", "Riverside Canvas"),
            issuer=self.issuer,
            client_id=self.client_id,
            auth_url=self.url("/auth"),
            token_url=self.url("/token"),
            keyset_url=self.url("/jwks"),
            **fields,
        )

    def prepare(self, sub, roles=("Learner",), email=None, name="Pat Lee", custom=None, deep_link=False, **more):
        """A launch the LMS will make for this person; returns its lti_message_hint."""
        hint = secrets.token_hex(6)
        claims = {
            "sub": sub,
            "name": name,
            LTI + "deployment_id": self.deployment_id,
            LTI + "version": "1.3.0",
            LTI + "roles": [MEMBERSHIP + role for role in roles],
            LTI + "context": {"id": "course-7", "title": "Grading PD (Canvas)", "type": ["CourseOffering"]},
        }
        if email is not None:
            claims["email"] = email
        if deep_link:
            claims[LTI + "message_type"] = "LtiDeepLinkingRequest"
            claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
                "deep_link_return_url": self.url("/deep-link-return"),
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"],
                "data": "opaque-" + hint,
            }
        else:
            claims[LTI + "message_type"] = "LtiResourceLinkRequest"
            claims[LTI + "resource_link"] = {"id": more.pop("link_id", "link-1"), "title": "Module 02"}
            claims[LTI + "target_link_uri"] = "http://testserver/lti/launch/"
            claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = {
                "scope": [SCORE_SCOPE],
                "lineitems": self.url("/lineitems"),
                "lineitem": self.url(f"/lineitems/{more.pop('lineitem', '11')}"),
            }
        if custom is not None:
            claims[LTI + "custom"] = custom
        claims.update(more)
        self.launches[hint] = claims
        return hint

    def id_token(self, claims, nonce, key=None, lifetime=300, aud=None):
        now = int(time.time())
        body = {"iss": self.issuer, "aud": aud or self.client_id, "iat": now, "exp": now + lifetime, "nonce": nonce}
        body.update(claims)
        key = key or self.key
        token = jwt.JWT(header={"alg": "RS256", "kid": key.key_id}, claims=body)
        token.make_signed_token(key)
        return token.serialize()

    def check_tool_jwt(self, token, audience):
        keys = jwk.JWKSet.from_json(json.dumps(self.tool_jwks))
        checked = jwt.JWT(jwt=token, key=keys, check_claims={"exp": None})
        claims = json.loads(checked.claims)
        aud = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        assert audience in aud, (audience, aud)
        return claims


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        platform = self.server.platform
        url = urlsplit(self.path)
        if url.path == "/jwks":
            return self.answer(200, {"keys": [json.loads(platform.key.export_public())]})
        if url.path == "/auth":
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            claims = platform.launches.get(query.get("lti_message_hint"))
            if query.get("client_id") != platform.client_id or claims is None or query.get("scope") != "openid":
                return self.answer(400, {"error": "invalid_request"})
            if not query["redirect_uri"].endswith("/lti/launch/"):
                return self.answer(400, {"error": "invalid_redirect_uri"})
            token = platform.id_token(claims, query["nonce"])
            page = (
                f'<form method="post" action="{query["redirect_uri"]}">'
                f'<input type="hidden" name="id_token" value="{token}">'
                f'<input type="hidden" name="state" value="{query["state"]}">'
                "<button>Continue</button></form>"
            )
            return self.answer(200, page, "text/html")
        if url.path == "/course":
            # The LMS's course page: a tool link is a form that starts the tool's OIDC login.
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            fields = {
                "iss": platform.issuer,
                "login_hint": "browser",
                "lti_message_hint": query["hint"],
                "client_id": platform.client_id,
                "target_link_uri": query["tool"] + "/lti/launch/",
            }
            inputs = "".join(f'<input type="hidden" name="{k}" value="{v}">' for k, v in fields.items())
            page = f'<h1>Grading PD</h1><form method="post" action="{query["tool"]}/lti/login/">{inputs}<button>Open the tool</button></form>'
            return self.answer(200, page, "text/html")
        return self.answer(404, {"error": "not found"})

    def do_POST(self):
        platform = self.server.platform
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        path = urlsplit(self.path).path
        if platform.down:
            return self.answer(503, {"error": "maintenance"})
        if path == "/token":
            form = {k: v[0] for k, v in parse_qs(body).items()}
            platform.token_requests += 1
            try:
                claims = platform.check_tool_jwt(form["client_assertion"], platform.url("/token"))
            except Exception as error:  # noqa: BLE001 - any failure is the OAuth error the tool would get
                return self.answer(401, {"error": "invalid_client", "detail": str(error)})
            if claims["iss"] != platform.client_id or claims["sub"] != platform.client_id:
                return self.answer(401, {"error": "invalid_client"})
            token = secrets.token_urlsafe(16)
            platform.tokens[token] = form.get("scope", "").split()
            return self.answer(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})
        if path.startswith("/lineitems/") and path.endswith("/scores"):
            bearer = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            if SCORE_SCOPE not in platform.tokens.get(bearer, []):
                return self.answer(401, {"error": "invalid_token"})
            if self.headers.get("Content-Type") != "application/vnd.ims.lis.v1.score+json":
                return self.answer(415, {"error": "unsupported media type"})
            platform.scores.append((path.removesuffix("/scores"), json.loads(body)))
            return self.answer(200, {})
        if path == "/deep-link-return":
            form = {k: v[0] for k, v in parse_qs(body).items()}
            claims = platform.check_tool_jwt(form["JWT"], platform.issuer)
            platform.deep_link_answers.append(claims)
            return self.answer(200, "<h1>Added to the course</h1>", "text/html")
        return self.answer(404, {"error": "not found"})

    def answer(self, status, data, content_type="application/json"):
        payload = (data if isinstance(data, str) else json.dumps(data)).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def launch(client, platform, hint, login_hint="opaque-user", **login):
    """The browser's part: the LMS posts to /lti/login/, the tool sends it to the LMS's
    authorization endpoint, whose page posts the signed id_token back to /lti/launch/."""
    import requests

    params = {
        "iss": platform.issuer,
        "login_hint": login_hint,
        "target_link_uri": "http://testserver/lti/launch/",
        "lti_message_hint": hint,
        "client_id": platform.client_id,
        **login,
    }
    started = client.post("/lti/login/", params)
    assert started.status_code == 302, started.content.decode()[:500]
    answer = requests.get(started["Location"], timeout=10)
    assert answer.status_code == 200, answer.text
    action, fields = form_in(answer.text)
    return client.post(urlsplit(action).path, fields)


def authorization(client, platform, hint):
    """Only the first two steps: the fields the LMS would post to the launch (id_token, state)."""
    import requests

    started = client.post(
        "/lti/login/",
        {
            "iss": platform.issuer,
            "login_hint": "u",
            "lti_message_hint": hint,
            "client_id": platform.client_id,
            "target_link_uri": "http://testserver/lti/launch/",
        },
    )
    query = {k: v[0] for k, v in parse_qs(urlsplit(started["Location"]).query).items()}
    answer = requests.get(started["Location"], timeout=10)
    return query, form_in(answer.text)[1]


def connect(client, platform, person, sub, roles=("Learner",), custom=None):
    """A person's first launch from this LMS, for an account they already have here: the tool offers
    the link; they sign in here (the site's login, with their password) and confirm it once. Returns
    the confirmation's answer; the client stays signed in as the person."""
    from tests.factories import PASSWORD

    offered = launch(client, platform, platform.prepare(sub, roles=roles, email=person.email, custom=custom))
    assert offered.status_code == 200 and "Connect your course" in offered.content.decode(), offered
    assert "_auth_user_id" not in client.session  # the launch itself signed no one in
    url = offered.context["url"]
    assert client.get(url)["Location"].startswith("/accounts/login/?next=")
    signed_in = client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert signed_in.status_code == 302, signed_in.content.decode()[:300]
    assert "Connect" in client.get(url).content.decode()
    return client.post(url)


__all__ = ["LocalPlatform", "launch", "authorization", "connect", "form_in", "urlencode"]
