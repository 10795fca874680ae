"""A small fake OpenID Connect provider for tests, served on loopback in a thread.

It speaks just enough of the protocol for medvirk's login: a discovery document,
``/authorize`` (approves at once and redirects back with a ``code`` and the ``state``),
``/token`` (checks the client, the code, the ``redirect_uri`` and the PKCE
``code_verifier``, then returns an RS256-signed ID token) and ``/jwks``.

Attributes of :class:`FakeOidcProvider` are knobs a test can turn before the flow, for
instance ``wrong_nonce = True`` or ``sign_with_other_key = True``, to make the provider
misbehave in one particular way. Every request it receives is recorded for assertions.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.client
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

KEY_ID = "fake-key-1"


@functools.cache
def _rsa_key(name: str) -> rsa.RSAPrivateKey:
    """An RSA key made once per test process for each name."""
    del name  # only distinguishes the cached keys
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str
    code_challenge_method: str
    acr_values: str | None = None


@dataclass
class FakeOidcProvider:
    """The fake provider. Call :meth:`start` before use and :meth:`stop` after."""

    client_id: str = "medvirk-test"
    client_secret: str = "fake-client-secret-for-tests-only-0123456789"
    # Who logs in.
    subject: str = "fake-subject-0001"
    name: str | None = "Kari Nordmann"
    email: str | None = None
    email_verified: bool | None = None
    pid: str | None = None  # ID-porten's national identity number claim
    sid: str | None = "fake-sid-0001"  # the provider's session id
    # The level of assurance in the token; None: the level asked for in acr_values.
    acr: str | None = None
    # How the token endpoint authenticates clients ("client_secret_basic" or "..._post").
    auth_methods: tuple[str, ...] = ("client_secret_basic", "client_secret_post")
    # Knobs to misbehave.
    authorize_error: str | None = None  # redirect back with ?error=... instead of a code
    token_error: str | None = None  # answer the token request with this error
    wrong_nonce: bool = False
    wrong_issuer: bool = False
    wrong_audience: bool = False
    sign_with_other_key: bool = False  # a key not in the JWKS, under the same kid
    other_key_id: str | None = None  # with sign_with_other_key: the kid to announce
    expired: bool = False
    discovery_redirect: str | None = None  # answer discovery with a redirect to this URL
    id_token_alg: str = "RS256"  # "HS256" signs with the client secret instead
    # What happened.
    authorize_requests: list[dict[str, str]] = field(default_factory=list)
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    discovery_requests: int = 0
    jwks_requests: int = 0
    issued_claims: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._grants: dict[str, _Grant] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.key = _rsa_key("provider")
        self.other_key = _rsa_key("other")

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> FakeOidcProvider:
        provider = self

        class Handler(_Handler):
            fake = provider

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fake-oidc", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    @property
    def port(self) -> int:
        assert self._server is not None, "the fake provider is not started"
        return int(self._server.server_address[1])

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- helpers for tests -------------------------------------------------------------

    def authorize(self, url: str) -> str:
        """Visit the authorization URL as a browser would; return the redirect location."""
        parsed = urllib.parse.urlsplit(url)
        assert parsed.hostname == "127.0.0.1" and parsed.port == self.port, url
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", f"{parsed.path}?{parsed.query}")
            response = connection.getresponse()
            response.read()
            assert response.status == 302, f"/authorize answered {response.status}"
            location = response.getheader("Location")
            assert location, "/authorize gave no Location"
            return location
        finally:
            connection.close()

    def jwks(self) -> dict[str, Any]:
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        jwk.update({"kid": KEY_ID, "use": "sig", "alg": "RS256"})
        return {"keys": [jwk]}

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/endsession",
            "frontchannel_logout_supported": True,
            "frontchannel_logout_session_supported": True,
            "acr_values_supported": ["idporten-loa-substantial", "idporten-loa-high"],
            "ui_locales_supported": ["nb", "nn", "en", "se"],
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": list(self.auth_methods),
            "scopes_supported": ["openid", "profile", "email"],
        }

    # -- the protocol ------------------------------------------------------------------

    def handle_authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        self.authorize_requests.append(query)
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect_uri:
            return 400, {}, {"error": "invalid_request"}
        state = query.get("state", "")
        if self.authorize_error:
            params = {"error": self.authorize_error, "error_description": "Avbrutt"}
        else:
            if query.get("response_type") != "code" or not query.get("code_challenge"):
                return 400, {}, {"error": "invalid_request"}
            code = secrets.token_urlsafe(24)
            with self._lock:
                self._grants[code] = _Grant(
                    client_id=query["client_id"],
                    redirect_uri=redirect_uri,
                    nonce=query.get("nonce"),
                    code_challenge=query["code_challenge"],
                    code_challenge_method=query.get("code_challenge_method", "plain"),
                    acr_values=query.get("acr_values"),
                )
            params = {"code": code}
        if state:
            params["state"] = state
        separator = "&" if "?" in redirect_uri else "?"
        location = f"{redirect_uri}{separator}{urllib.parse.urlencode(params)}"
        return 302, {"Location": location}, None

    def _client_from(self, headers: Any, form: dict[str, str]) -> tuple[str, str, str]:
        authorization = headers.get("Authorization", "")
        if authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            user, _, password = decoded.partition(":")
            return (
                "client_secret_basic",
                urllib.parse.unquote_plus(user),
                urllib.parse.unquote_plus(password),
            )
        return "client_secret_post", form.get("client_id", ""), form.get("client_secret", "")

    def handle_token(self, headers: Any, form: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        method, client_id, client_secret = self._client_from(headers, form)
        self.token_requests.append({"auth_method": method, "form": dict(form)})
        if method not in self.auth_methods:
            return 401, {}, {"error": "invalid_client"}
        if client_id != self.client_id or client_secret != self.client_secret:
            return 401, {}, {"error": "invalid_client"}
        if self.token_error:
            return 400, {}, {"error": self.token_error}
        if form.get("grant_type") != "authorization_code":
            return 400, {}, {"error": "unsupported_grant_type"}
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)  # a code works once
        if grant is None or grant.client_id != client_id:
            return 400, {}, {"error": "invalid_grant", "error_description": "unknown code"}
        if form.get("redirect_uri") != grant.redirect_uri:
            return 400, {}, {"error": "invalid_grant", "error_description": "redirect_uri"}
        verifier = form.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if grant.code_challenge_method != "S256" or challenge != grant.code_challenge:
            return 400, {}, {"error": "invalid_grant", "error_description": "PKCE"}
        return (
            200,
            {},
            {
                "access_token": secrets.token_urlsafe(24),
                "token_type": "Bearer",
                "expires_in": 120,
                "id_token": self.id_token(grant.nonce, acr_values=grant.acr_values),
            },
        )

    def id_token(self, nonce: str | None, *, acr_values: str | None = None) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": "https://impostor.example" if self.wrong_issuer else self.issuer,
            "sub": self.subject,
            "aud": "someone-else" if self.wrong_audience else self.client_id,
            "iat": now - 700 if self.expired else now,
            "exp": now - 600 if self.expired else now + 120,
            "acr": self.acr or acr_values or "idporten-loa-substantial",
            "amr": ["TestID"],
        }
        if self.pid is not None:
            claims["pid"] = self.pid
        if self.sid is not None:
            claims["sid"] = self.sid
        if nonce is not None:
            claims["nonce"] = "not-the-nonce-you-sent" if self.wrong_nonce else nonce
        if self.name is not None:
            claims["name"] = self.name
        if self.email is not None:
            claims["email"] = self.email
        if self.email_verified is not None:
            claims["email_verified"] = self.email_verified
        self.issued_claims.append(claims)
        if self.id_token_alg == "HS256":
            return jwt.encode(claims, self.client_secret, algorithm="HS256")
        key = self.other_key if self.sign_with_other_key else self.key
        kid = (self.other_key_id or KEY_ID) if self.sign_with_other_key else KEY_ID
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOidcProvider

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _answer(self, status: int, headers: dict[str, str], body: Any) -> None:
        payload = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parsed.query))
        if parsed.path == "/.well-known/openid-configuration":
            self.fake.discovery_requests += 1
            if self.fake.discovery_redirect:
                self._answer(302, {"Location": self.fake.discovery_redirect}, None)
            else:
                self._answer(200, {}, self.fake.discovery())
        elif parsed.path == "/jwks":
            self.fake.jwks_requests += 1
            self._answer(200, {}, self.fake.jwks())
        elif parsed.path == "/authorize":
            self._answer(*self.fake.handle_authorize(query))
        else:
            self._answer(404, {}, {"error": "not_found"})

    def do_POST(self) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        if parsed.path != "/token":
            self._answer(404, {}, {"error": "not_found"})
            return
        form = dict(urllib.parse.parse_qsl(body))
        self._answer(*self.fake.handle_token(self.headers, form))
