"""Log in through OpenID Connect, the way ID-porten does it.

The flow is the authorization code flow with PKCE (S256), a random ``state`` and a random
``nonce``:

1. :func:`begin_login` reads the provider's discovery document (cached), creates a
   ``state``, a ``nonce`` and a PKCE ``code_verifier``, keeps them in the Django session
   together with the ``next`` URL and the ``redirect_uri``, and returns the URL of the
   provider's authorization endpoint to send the browser to.
2. :func:`complete_login` handles the browser's return: it takes the pending login for the
   returned ``state`` out of the session (so a callback can be used once only), refuses a
   provider ``error``, exchanges the ``code`` at the token endpoint (sending the
   ``code_verifier``), validates the ID token (RS256 signature against the provider's JWKS,
   ``iss``, ``aud``, ``azp``, ``exp``, ``iat`` and ``nonce``), checks that the level of
   assurance (``acr``) is at least the one asked for in ``acr_values``, and finds or
   creates the person with :func:`user_from_oidc`. When the token carries a national
   identity number (ID-porten's ``pid``), the person's date of birth and residence are
   verified (:func:`medvirk.accounts.residents.resident_verify_from_national_id`).
3. :func:`remember_login` keeps the ID token and the provider's session id (``sid``) in
   the Django session and records which session the ``sid`` belongs to.
4. Logging out: :func:`end_session_url` sends the browser to the provider's
   ``end_session_endpoint`` with ``id_token_hint`` and ``post_logout_redirect_uri``
   (OpenID Connect RP-Initiated Logout 1.0); :func:`front_channel_logout` ends the
   sessions of a provider session when the provider calls the front-channel logout route
   (OpenID Connect Front-Channel Logout 1.0) from its logout page.

This follows Digdir's documentation of ID-porten: ``acr_values`` is
``idporten-loa-substantial`` or ``idporten-loa-high`` (the installation's level,
``OIDC_ACR_VALUES``, or a municipality's stricter ``login_level``) and the client must
check the returned ``acr``; ``ui_locales`` is the site language (nb, nn or en); every
client must support both logout from its own service (end session) and front-channel
logout.

Every failure raises :class:`OidcError`, whose message says what went wrong. The messages
are for the log and are never shown to the person logging in, so they are not translated;
they never contain tokens, codes or secrets.

Accounts are linked to a person by the provider's subject (``iss`` + ``sub``) and, when
the provider gives it, by the national identity number (``pid``, kept only as a keyed
hash on the person's verification), never by e-mail address: anyone can register any
address locally, so linking by address would hand a pre-registered account over to (or
keep it open for) whoever registered it first.

About e-mail addresses: ID-porten gives no e-mail address by default. A person created
from an identity without a verified address, or with one that a local account already
uses, gets a placeholder address
``<hash>@oidc.invalid`` (see :func:`placeholder_email` and :func:`has_placeholder_email`).
The reserved top-level domain ``.invalid`` can never receive mail, so the placeholder
cannot collide with a real address and marks the account as "no known e-mail address".
Such accounts have no usable password; they log in through the provider only.

Plain HTTP to the provider is refused except for loopback addresses (a local test
provider) and when ``DEBUG`` is on.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import hashlib
import hmac
import http.client
import json
import logging
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

import jwt
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from config.env import OIDC_LEVELS, OidcConfig
from medvirk.accounts.models import OidcSession, User
from medvirk.places.models import Municipality

#: Session key holding the pending logins, a dict keyed by ``state``.
SESSION_KEY = "medvirk_oidc_pending"
#: How many logins may be pending at once in one session (one per browser tab, say).
MAX_PENDING = 3
#: Seconds a pending login stays valid.
PENDING_TTL_SECONDS = 600
#: Seconds of clock skew tolerated when checking ``exp`` and ``iat``.
LEEWAY_SECONDS = 60
#: Seconds the discovery document and the JWKS are kept before being fetched again.
CACHE_TTL_SECONDS = 3600
#: Largest response body read from the provider.
MAX_RESPONSE_BYTES = 1_000_000
#: The domain of placeholder e-mail addresses (``.invalid`` is reserved, RFC 2606).
PLACEHOLDER_EMAIL_DOMAIN = "oidc.invalid"
#: Session key holding the ID token, issuer and ``sid`` of the login in this session.
LOGIN_SESSION_KEY = "medvirk_oidc_login"
#: The languages ID-porten shows its pages in (``ui_locales``); others fall back to nb.
UI_LOCALES = frozenset({"nb", "nn", "en", "se"})

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

logger = logging.getLogger("medvirk.accounts.oidc")


class OidcError(Exception):
    """Any failure of an OpenID Connect login; the message says what went wrong."""


@dataclass(frozen=True)
class ProviderMetadata:
    """The parts of a provider's discovery document that medvirk uses."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    token_endpoint_auth_methods: tuple[str, ...]
    end_session_endpoint: str = ""


@dataclass(frozen=True)
class OidcIdentity:
    """The person described by a validated ID token.

    ``email`` is set only when the provider says the address is verified
    (``email_verified`` is true); otherwise it is ``None``.
    """

    issuer: str
    subject: str
    email: str | None
    full_name: str
    claims: dict[str, Any]
    pid: str | None = None
    sid: str = ""

    def __repr__(self) -> str:  # never print the national identity number
        return f"OidcIdentity(issuer={self.issuer!r}, subject={self.subject!r})"


@dataclass(frozen=True)
class LoginResult:
    """A completed login: the person and where to send them next (not yet checked), with
    the ID token (for logging out at the provider) and the provider's session id."""

    user: User
    next_url: str
    id_token: str = field(default="", repr=False)
    issuer: str = ""
    sid: str = ""


# ---------------------------------------------------------------------------------------
# HTTP


def _printable(value: object, limit: int) -> str:
    """``value`` as text fit for a log line: shortened, control characters replaced."""
    return "".join(char if char.isprintable() else "?" for char in str(value)[:limit])


def _check_url(url: str, what: str) -> None:
    """Allow only https, or http to a loopback host (or anywhere when DEBUG is on)."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme == "https" and parsed.hostname:
        return
    loopback_or_debug = parsed.hostname in _LOOPBACK_HOSTS or settings.DEBUG
    if parsed.scheme == "http" and parsed.hostname and loopback_or_debug:
        return
    raise OidcError(f"The {what} URL {url!r} is not an https URL.")


def _read_json(response: Any, what: str) -> dict[str, Any]:
    body = response.read(MAX_RESPONSE_BYTES + 1)
    if len(body) > MAX_RESPONSE_BYTES:
        raise OidcError(f"The {what} response is too large.")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OidcError(f"The {what} response is not JSON.") from exc
    if not isinstance(data, dict):
        raise OidcError(f"The {what} response is not a JSON object.")
    return data


class _CheckedRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to a URL that :func:`_check_url` allows."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        _check_url(newurl, "redirect")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_CheckedRedirectHandler)


def _http_json(
    url: str,
    *,
    what: str,
    timeout: float,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """GET (or POST when ``data`` is given) ``url`` and return the JSON object it answers."""
    _check_url(url, what)
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with _opener.open(request, timeout=timeout) as response:
            return _read_json(response, what)
    except urllib.error.HTTPError as exc:
        detail = ""
        try:
            payload = _read_json(exc, what)
            error = _printable(payload.get("error", ""), 100)
            description = _printable(payload.get("error_description", ""), 200)
            detail = f": {error} {description}".rstrip()
        except (OidcError, OSError, http.client.HTTPException):
            pass
        finally:
            exc.close()
        raise OidcError(f"The {what} request failed with HTTP {exc.code}{detail}.") from exc
    except (OSError, http.client.HTTPException, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OidcError(f"The {what} request failed: {reason}.") from exc


# ---------------------------------------------------------------------------------------
# Discovery and keys, cached per process


_cache_lock = threading.Lock()
_metadata_cache: dict[str, tuple[float, ProviderMetadata]] = {}
_jwks_cache: dict[str, tuple[float, dict[str, Any]]] = {}


def clear_caches() -> None:
    """Forget every cached discovery document and key set (for tests and key rotation)."""
    with _cache_lock:
        _metadata_cache.clear()
        _jwks_cache.clear()


def _config() -> OidcConfig:
    config: OidcConfig = settings.OIDC
    if not config.enabled:
        raise OidcError("OpenID Connect is not enabled.")
    if not config.issuer or not config.client_id:
        raise OidcError("OpenID Connect is enabled but OIDC_ISSUER or OIDC_CLIENT_ID is empty.")
    return config


def _endpoint(document: dict[str, Any], name: str) -> str:
    value = document.get(name)
    if not isinstance(value, str) or not value:
        raise OidcError(f"The discovery document has no {name}.")
    _check_url(value, name)
    return value


def discover(config: OidcConfig) -> ProviderMetadata:
    """The provider's metadata from ``{issuer}/.well-known/openid-configuration`` (cached)."""
    issuer = config.issuer.rstrip("/")
    now = time.monotonic()
    with _cache_lock:
        cached = _metadata_cache.get(issuer)
    if cached and cached[0] > now:
        return cached[1]
    document = _http_json(
        f"{issuer}/.well-known/openid-configuration",
        what="discovery",
        timeout=config.timeout_seconds,
    )
    # OpenID Connect Discovery 1.0, section 4.3: the issuer must be exactly the one asked.
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        raise OidcError("The discovery document names another issuer.")
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    metadata = ProviderMetadata(
        issuer=str(document["issuer"]),
        authorization_endpoint=_endpoint(document, "authorization_endpoint"),
        token_endpoint=_endpoint(document, "token_endpoint"),
        jwks_uri=_endpoint(document, "jwks_uri"),
        token_endpoint_auth_methods=tuple(str(method) for method in methods),
        end_session_endpoint=(
            _endpoint(document, "end_session_endpoint")
            if document.get("end_session_endpoint")
            else ""
        ),
    )
    with _cache_lock:
        _metadata_cache[issuer] = (now + CACHE_TTL_SECONDS, metadata)
    return metadata


def _jwks(metadata: ProviderMetadata, config: OidcConfig, *, refresh: bool) -> dict[str, Any]:
    now = time.monotonic()
    with _cache_lock:
        cached = _jwks_cache.get(metadata.jwks_uri)
    if cached and cached[0] > now and not refresh:
        return cached[1]
    document = _http_json(metadata.jwks_uri, what="JWKS", timeout=config.timeout_seconds)
    if not isinstance(document.get("keys"), list):
        raise OidcError("The JWKS document has no list of keys.")
    with _cache_lock:
        _jwks_cache[metadata.jwks_uri] = (now + CACHE_TTL_SECONDS, document)
    return document


def _signing_key(jwks: dict[str, Any], kid: str | None) -> Any | None:
    """The RSA public key in ``jwks`` for ``kid`` (or the only RSA key when no kid)."""
    candidates = []
    for entry in jwks.get("keys", []):
        if not isinstance(entry, dict) or entry.get("kty") != "RSA":
            continue
        if entry.get("use", "sig") != "sig" or entry.get("alg", "RS256") != "RS256":
            continue
        if kid is not None and entry.get("kid") != kid:
            continue
        candidates.append(entry)
    if len(candidates) != 1:
        return None
    try:
        return jwt.PyJWK(candidates[0], algorithm="RS256").key
    except jwt.PyJWTError:
        return None


# ---------------------------------------------------------------------------------------
# Step 1: the authorization request


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def pkce_challenge(code_verifier: str) -> str:
    """The S256 code challenge for ``code_verifier`` (RFC 7636, section 4.2)."""
    return _b64url(hashlib.sha256(code_verifier.encode("ascii")).digest())


def _pending(session: SessionBase) -> dict[str, dict[str, Any]]:
    """The unexpired pending logins in the session."""
    stored = session.get(SESSION_KEY)
    if not isinstance(stored, dict):
        return {}
    now = time.time()
    return {
        state: entry
        for state, entry in stored.items()
        if isinstance(entry, dict) and now - float(entry.get("created", 0)) < PENDING_TTL_SECONDS
    }


def clear_pending(session: SessionBase) -> None:
    """Forget every pending login in the session."""
    if SESSION_KEY in session:
        del session[SESSION_KEY]


def required_level(config: OidcConfig, municipality: Municipality | None = None) -> str:
    """The level of assurance to ask for: the installation's, or the municipality's when
    that is stricter."""
    levels = [config.acr_values if config.acr_values in OIDC_LEVELS else OIDC_LEVELS[0]]
    if municipality is not None and municipality.login_level in OIDC_LEVELS:
        levels.append(municipality.login_level)
    return max(levels, key=OIDC_LEVELS.index)


def ui_locale(language: str | None) -> str | None:
    """ID-porten's ``ui_locales`` for a site language (``nb``, ``nn``, ``en``), or None."""
    code = (language or "").lower().replace("_", "-").split("-")[0]
    if code == "no":
        return "nb"
    return code if code in UI_LOCALES else None


def begin_login(
    session: SessionBase,
    *,
    redirect_uri: str,
    next_url: str = "",
    municipality: Municipality | None = None,
) -> str:
    """Start a login: remember state, nonce, PKCE verifier and the level of assurance
    asked for (the municipality's, when the login starts from one), return the provider
    URL."""
    config = _config()
    level = required_level(config, municipality)
    metadata = discover(config)
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    code_verifier = secrets.token_urlsafe(64)  # 86 characters, within RFC 7636's 43..128
    pending = _pending(session)
    # Keep the newest few so that logins started in several tabs can each finish.
    while len(pending) >= MAX_PENDING:
        oldest = min(pending, key=lambda key: float(pending[key].get("created", 0)))
        del pending[oldest]
    pending[state] = {
        "nonce": nonce,
        "code_verifier": code_verifier,
        "redirect_uri": redirect_uri,
        "next": next_url,
        "acr": level,
        "created": time.time(),
    }
    session[SESSION_KEY] = pending
    params = {
        "response_type": "code",
        "client_id": config.client_id,
        "redirect_uri": redirect_uri,
        "scope": config.scopes or "openid",
        "state": state,
        "nonce": nonce,
        "code_challenge": pkce_challenge(code_verifier),
        "code_challenge_method": "S256",
        "acr_values": level,
    }
    locale = ui_locale(translation.get_language())
    if locale:
        params["ui_locales"] = locale
    separator = "&" if urllib.parse.urlsplit(metadata.authorization_endpoint).query else "?"
    return f"{metadata.authorization_endpoint}{separator}{urllib.parse.urlencode(params)}"


# ---------------------------------------------------------------------------------------
# Step 2: the callback


def exchange_code(
    config: OidcConfig,
    metadata: ProviderMetadata,
    *,
    code: str,
    redirect_uri: str,
    code_verifier: str,
) -> dict[str, Any]:
    """Exchange an authorization code at the token endpoint; return the token response."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    methods = metadata.token_endpoint_auth_methods
    if "client_secret_basic" in methods or "client_secret_post" not in methods:
        # RFC 6749, section 2.3.1: both parts are form-encoded before base64.
        user = urllib.parse.quote_plus(config.client_id)
        password = urllib.parse.quote_plus(config.client_secret)
        credentials = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {credentials}"
    else:
        form["client_id"] = config.client_id
        form["client_secret"] = config.client_secret
    response = _http_json(
        metadata.token_endpoint,
        what="token",
        timeout=config.timeout_seconds,
        data=urllib.parse.urlencode(form).encode("ascii"),
        headers=headers,
    )
    if str(response.get("token_type", "")).lower() not in {"bearer", "dpop"}:
        raise OidcError("The token response has no bearer token type.")
    if not isinstance(response.get("id_token"), str):
        raise OidcError("The token response has no ID token.")
    return response


def validate_id_token(
    config: OidcConfig, metadata: ProviderMetadata, id_token: str, *, nonce: str
) -> dict[str, Any]:
    """Check the ID token's signature and claims; return its claims."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError as exc:
        raise OidcError(f"The ID token is malformed: {exc}.") from exc
    if header.get("alg") != "RS256":
        raise OidcError(f"The ID token is signed with {header.get('alg')!r}, not RS256.")
    kid = header.get("kid")
    kid = kid if isinstance(kid, str) else None
    key = _signing_key(_jwks(metadata, config, refresh=False), kid)
    if key is None:
        # The provider may have rotated its keys since we cached them.
        key = _signing_key(_jwks(metadata, config, refresh=True), kid)
    if key is None:
        raise OidcError(f"The provider's JWKS has no RS256 key with kid {kid!r}.")
    try:
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key=key,
            algorithms=["RS256"],
            audience=config.client_id,
            issuer=metadata.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
    except jwt.InvalidSignatureError as exc:
        raise OidcError("The ID token's signature is not valid.") from exc
    except jwt.InvalidIssuerError as exc:
        raise OidcError("The ID token is from another issuer.") from exc
    except jwt.InvalidAudienceError as exc:
        raise OidcError("The ID token is meant for another client.") from exc
    except jwt.ExpiredSignatureError as exc:
        raise OidcError("The ID token has expired.") from exc
    except jwt.PyJWTError as exc:
        raise OidcError(f"The ID token is not valid: {exc}.") from exc
    audience = claims["aud"]
    if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != config.client_id:
        raise OidcError("The ID token has several audiences and another authorized party.")
    token_nonce = claims.get("nonce")
    if not isinstance(token_nonce, str) or not hmac.compare_digest(
        token_nonce.encode(), nonce.encode()
    ):
        raise OidcError("The ID token's nonce does not match the login.")
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject or len(subject) > 255:
        raise OidcError("The ID token's subject is empty or too long.")
    return claims


def identity_from_claims(claims: dict[str, Any]) -> OidcIdentity:
    """The person an ID token describes; the e-mail address only if verified."""
    email = claims.get("email")
    verified = claims.get("email_verified") is True or claims.get("email_verified") == "true"
    name = claims.get("name")
    if not isinstance(name, str) or not name.strip():
        parts = [claims.get("given_name"), claims.get("family_name")]
        name = " ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())
    pid = claims.get("pid")
    sid = claims.get("sid")
    verified_email = email.strip() if isinstance(email, str) and verified else ""
    if verified_email:
        try:
            validate_email(verified_email)
        except ValidationError:
            verified_email = ""
    return OidcIdentity(
        issuer=str(claims["iss"]),
        subject=str(claims["sub"]),
        email=verified_email or None,
        full_name=name.strip()[:150],
        claims=claims,
        pid=pid if isinstance(pid, str) and pid else None,
        sid=sid if isinstance(sid, str) and len(sid) <= 255 else "",
    )


def complete_login(session: SessionBase, params: dict[str, str]) -> LoginResult:
    """Finish a login from the callback's query parameters.

    The pending login for the returned ``state`` is removed from the session first, so a
    callback works once only. On any error every pending login is forgotten.
    """
    try:
        return _complete_login(session, params)
    except OidcError:
        clear_pending(session)
        raise


def _complete_login(session: SessionBase, params: dict[str, str]) -> LoginResult:
    config = _config()
    state = params.get("state", "")
    pending = _pending(session)
    entry = pending.pop(state, None) if state else None
    session[SESSION_KEY] = pending
    if params.get("error"):
        error = _printable(params["error"], 100)
        description = _printable(params.get("error_description", ""), 200)
        raise OidcError(f"The provider answered with an error: {error} {description}".rstrip())
    if entry is None:
        raise OidcError("The state is missing, unknown, expired or already used.")
    code = params.get("code", "")
    if not code:
        raise OidcError("The callback has no authorization code.")
    metadata = discover(config)
    tokens = exchange_code(
        config,
        metadata,
        code=code,
        redirect_uri=str(entry["redirect_uri"]),
        code_verifier=str(entry["code_verifier"]),
    )
    claims = validate_id_token(config, metadata, tokens["id_token"], nonce=str(entry["nonce"]))
    check_level(claims, required=str(entry.get("acr") or required_level(config)))
    identity = identity_from_claims(claims)
    user = user_from_oidc(
        issuer=identity.issuer,
        subject=identity.subject,
        email=identity.email,
        full_name=identity.full_name,
        pid=identity.pid,
    )
    if not user.is_active:
        raise OidcError(f"The account of user {user.pk} is deactivated.")
    if identity.pid:
        _verify_resident(user, identity.pid)
    return LoginResult(
        user=user,
        next_url=str(entry.get("next", "")),
        id_token=str(tokens["id_token"]),
        issuer=identity.issuer,
        sid=identity.sid,
    )


def check_level(claims: dict[str, Any], *, required: str) -> None:
    """Refuse an ID token whose level of assurance (``acr``) is unknown or lower than
    ``required`` (Digdir: the client must check that ``acr`` is high enough)."""
    acr = claims.get("acr")
    if not isinstance(acr, str) or acr not in OIDC_LEVELS:
        raise OidcError(f"The ID token has an unknown level of assurance {_printable(acr, 60)!r}.")
    if OIDC_LEVELS.index(acr) < OIDC_LEVELS.index(required):
        raise OidcError(f"The ID token's level of assurance {acr} is lower than {required}.")


def _verify_resident(user: User, pid: str) -> None:
    """Verify the person's date of birth and residence from the national identity number;
    a failure is logged and does not stop the login."""
    from medvirk.accounts.residents import resident_verify_from_national_id

    try:
        resident_verify_from_national_id(user=user, national_id=pid)
    except ValidationError as exc:
        logger.warning("No resident verification for user %s: %s", user.pk, " ".join(exc.messages))


# ---------------------------------------------------------------------------------------
# The person


def placeholder_email(issuer: str, subject: str) -> str:
    """A unique, undeliverable address for a person the provider gave no verified address."""
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:40]
    return f"{digest}@{PLACEHOLDER_EMAIL_DOMAIN}"


def has_placeholder_email(user: User) -> bool:
    """Whether the person's e-mail address is an OpenID Connect placeholder."""
    return user.email.lower().endswith(f"@{PLACEHOLDER_EMAIL_DOMAIN}")


def user_from_oidc(
    *, issuer: str, subject: str, email: str | None, full_name: str, pid: str | None = None
) -> User:
    """The person with this OpenID Connect identity, linked or created as needed.

    1. The person already linked to (``issuer``, ``subject``).
    2. Else, when ``pid`` (a national identity number the provider vouches for) is given,
       the person whose verification in force was made with that number; they are linked
       to the identity. A person linked to another subject of the same issuer is not
       relinked (that raises :class:`OidcError`).
    3. Else a new person without a usable password.

    Never by e-mail address: a new person gets ``email`` (which must be an address the
    provider has verified, else ``None``) only when no account uses it yet, and it is
    then marked verified; otherwise a placeholder address from
    :func:`placeholder_email`. An existing person whose address equals the verified
    ``email`` gets it marked verified. A missing full name is filled in from
    ``full_name``; nothing else is overwritten.
    """
    issuer = issuer.rstrip("/")
    if not issuer or not subject:
        raise OidcError("The identity has no issuer or no subject.")
    full_name = full_name.strip()[:150]
    normalized = User.objects.normalize_email(email).strip().lower() if email else ""
    user = User.objects.filter(oidc_issuer=issuer, oidc_subject=subject).first()
    if user is None and pid:
        user = _link_by_national_id(pid, issuer=issuer, subject=subject)
    if user is not None:
        _fill_in(user, full_name=full_name, verified_email=normalized)
        return user
    for address in (normalized, placeholder_email(issuer, subject)):
        if not address or User.objects.filter(email=address).exists():
            continue
        try:
            with transaction.atomic():
                return User.objects.create_user(
                    email=address,
                    password=None,
                    full_name=full_name,
                    oidc_issuer=issuer,
                    oidc_subject=subject,
                    email_verified_at=timezone.now() if address == normalized else None,
                )
        except IntegrityError:
            # Two callbacks for the same person raced, or someone took the address.
            user = User.objects.filter(oidc_issuer=issuer, oidc_subject=subject).first()
            if user is not None:
                return user
    raise OidcError("Could not create an account for this identity.")


def _fill_in(user: User, *, full_name: str, verified_email: str) -> None:
    fields = []
    if full_name and not user.full_name:
        user.full_name = full_name
        fields.append("full_name")
    if verified_email and user.email == verified_email and user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        fields.append("email_verified_at")
    if fields:
        user.save(update_fields=fields)


def _link_by_national_id(pid: str, *, issuer: str, subject: str) -> User | None:
    """Link the person verified with this national identity number to the identity."""
    from medvirk.accounts.residents import user_for_national_id

    with transaction.atomic():
        found = user_for_national_id(pid)
        if found is None:
            return None
        user = User.objects.select_for_update().get(pk=found.pk)
        if user.oidc_subject and user.oidc_issuer == issuer and user.oidc_subject != subject:
            raise OidcError(
                f"User {user.pk} with this national identity number is already linked to "
                "another subject of this issuer."
            )
        user.oidc_issuer = issuer
        user.oidc_subject = subject
        user.save(update_fields=["oidc_issuer", "oidc_subject"])
        logger.info(
            "OpenID Connect identity linked to user %s by national identity number", user.pk
        )
        return user


# ---------------------------------------------------------------------------------------
# The session and logging out


def remember_login(session: SessionBase, result: LoginResult) -> None:
    """Keep the ID token (for ``id_token_hint`` at logout) and the provider's ``sid`` in
    the session, and record which session the ``sid`` belongs to. Call after the login,
    once the session has its final key."""
    session[LOGIN_SESSION_KEY] = {
        "id_token": _seal(result.id_token),
        "issuer": result.issuer,
        "sid": result.sid,
    }
    if not result.sid:
        return
    if session.session_key is None:
        session.save()
    # Rows of sessions that have certainly expired are of no use any more.
    expired = timezone.now() - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    OidcSession.objects.filter(created_at__lt=expired).delete()
    OidcSession.objects.create(
        issuer=result.issuer.rstrip("/"),
        sid=result.sid,
        session_key=str(session.session_key),
        user=result.user,
    )


def _fernet() -> Fernet:
    key = hashlib.sha256(f"medvirk.accounts.oidc.id_token\n{settings.SECRET_KEY}".encode())
    return Fernet(base64.urlsafe_b64encode(key.digest()))


def _seal(id_token: str) -> str:
    """The ID token encrypted for keeping in the session: it carries the national
    identity number (``pid``), which medvirk never stores in clear."""
    return _fernet().encrypt(id_token.encode()).decode("ascii") if id_token else ""


def _unseal(sealed: str) -> str:
    try:
        return _fernet().decrypt(sealed.encode("ascii")).decode()
    except (InvalidToken, ValueError):
        return ""


def provider_login(session: SessionBase) -> dict[str, str] | None:
    """The ID token, issuer and ``sid`` of a provider login in this session, if any."""
    stored = session.get(LOGIN_SESSION_KEY)
    if not isinstance(stored, dict) or not stored.get("id_token"):
        return None
    id_token = _unseal(str(stored["id_token"]))
    if not id_token:
        return None
    return {
        "id_token": id_token,
        "issuer": str(stored.get("issuer", "")),
        "sid": str(stored.get("sid", "")),
    }


def end_session_url(login: dict[str, str], *, post_logout_redirect_uri: str) -> str | None:
    """Where to send the browser to log out at the provider too (RP-Initiated Logout),
    or None when the provider has no ``end_session_endpoint`` or cannot be reached."""
    try:
        config = _config()
        metadata = discover(config)
    except OidcError as exc:
        logger.warning("Logging out at the provider is not possible: %s", exc)
        return None
    if not metadata.end_session_endpoint:
        return None
    params = {
        "id_token_hint": login["id_token"],
        "post_logout_redirect_uri": post_logout_redirect_uri,
    }
    locale = ui_locale(translation.get_language())
    if locale:
        params["ui_locales"] = locale
    endpoint = metadata.end_session_endpoint
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}{urllib.parse.urlencode(params)}"


def forget_session(session_key: str | None) -> None:
    """Forget the provider sessions recorded for a local session that ends."""
    if session_key:
        OidcSession.objects.filter(session_key=session_key).delete()


def front_channel_logout(*, issuer: str, sid: str) -> int:
    """End every local session the provider session (``issuer``, ``sid``) logged in;
    return how many. Another issuer than the configured one ends nothing."""
    config = _config()
    if not sid or issuer.rstrip("/") != config.issuer.rstrip("/"):
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    rows = list(OidcSession.objects.filter(issuer=config.issuer.rstrip("/"), sid=sid))
    for row in rows:
        store(session_key=row.session_key).delete()
    OidcSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


def frame_ancestors(config: OidcConfig) -> list[str]:
    """The origins allowed to frame the front-channel logout route: the provider's (its
    issuer's and, when known, its logout page's)."""
    urls = [config.issuer]
    with contextlib.suppress(OidcError):
        urls.append(discover(config).end_session_endpoint)
    origins = []
    for url in urls:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("https", "http") and parts.netloc:
            origin = f"{parts.scheme}://{parts.netloc}"
            if origin not in origins:
                origins.append(origin)
    return origins
