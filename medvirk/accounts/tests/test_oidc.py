"""OpenID Connect login, end to end against the fake provider in ``fake_oidc.py``."""

from __future__ import annotations

import logging
import urllib.parse
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from config.env import OidcConfig
from medvirk.accounts import oidc
from medvirk.accounts.models import User
from medvirk.accounts.tests.fake_oidc import FakeOidcProvider

LOGIN_URL = "/konto/oidc/login/"
CALLBACK_URL = "/konto/oidc/callback/"
LOGGER = "medvirk.accounts.oidc"


def _query(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def _start(client: Client, next_url: str | None = None) -> str:
    """Begin a login; return the provider's authorization URL the browser is sent to."""
    response = client.get(LOGIN_URL, {"next": next_url} if next_url is not None else {})
    assert response.status_code == 302
    return str(response["Location"])


def _callback_path(location: str) -> str:
    """The local path and query of the provider's redirect back to medvirk."""
    parsed = urllib.parse.urlsplit(location)
    assert (parsed.scheme, parsed.netloc, parsed.path) == ("http", "testserver", CALLBACK_URL)
    return f"{parsed.path}?{parsed.query}"


def _login(client: Client, fake: FakeOidcProvider, next_url: str | None = None) -> Any:
    """Run the whole flow in ``client``; return the callback's response."""
    return client.get(_callback_path(fake.authorize(_start(client, next_url))))


def _logged_in_user_id(client: Client) -> str | None:
    value = client.session.get(AUTH_SESSION_KEY)
    return str(value) if value is not None else None


def _home() -> str:
    return resolve_url(django_settings.LOGIN_REDIRECT_URL)


# -- the authorization request ---------------------------------------------------------


@pytest.mark.django_db
def test_login_redirects_to_provider_with_pkce_state_and_nonce(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """The login view redirects to the provider's authorization endpoint with the code flow,
    the client id, the callback as redirect_uri, the scopes, a random state and nonce and an
    S256 PKCE challenge computed from the verifier kept in the session."""
    url = _start(client)
    assert url.startswith(f"{fake_oidc.issuer}/authorize?")
    params = _query(url)
    assert params["response_type"] == "code"
    assert params["client_id"] == fake_oidc.client_id
    assert params["redirect_uri"] == "http://testserver" + reverse("accounts:oidc-callback")
    assert params["scope"] == "openid profile"
    assert params["code_challenge_method"] == "S256"
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32
    assert params["state"] != params["nonce"]
    pending = client.session[oidc.SESSION_KEY][params["state"]]
    assert pending["nonce"] == params["nonce"]
    assert params["code_challenge"] == oidc.pkce_challenge(pending["code_verifier"])
    assert params["code_challenge"] != pending["code_verifier"]
    assert pending["redirect_uri"] == params["redirect_uri"]


@pytest.mark.django_db
def test_each_login_gets_fresh_state_nonce_and_verifier(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """Two logins started in one session get different state, nonce and PKCE challenge, and
    both stay pending (for instance in two tabs)."""
    first, second = _query(_start(client)), _query(_start(client))
    for name in ("state", "nonce", "code_challenge"):
        assert first[name] != second[name]
    assert set(client.session[oidc.SESSION_KEY]) == {first["state"], second["state"]}


@pytest.mark.django_db
def test_pending_logins_are_capped(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """Only the newest few pending logins are kept in the session; the oldest is dropped."""
    states = [_query(_start(client))["state"] for _ in range(oidc.MAX_PENDING + 1)]
    assert set(client.session[oidc.SESSION_KEY]) == set(states[1:])


@pytest.mark.django_db
def test_discovery_document_is_cached(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """The provider's discovery document and JWKS are fetched once for several logins."""
    _login(client, fake_oidc)
    _login(Client(), fake_oidc)
    assert fake_oidc.discovery_requests == 1
    assert fake_oidc.jwks_requests == 1


@pytest.mark.django_db
def test_login_start_fails_cleanly_when_provider_is_down(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """When the provider cannot be reached the login view logs a warning and shows the error
    page (502) instead of crashing."""
    fake_oidc.stop()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = client.get(LOGIN_URL)
    assert response.status_code == 502
    assert "accounts/oidc_error.html" in [t.name for t in response.templates]
    assert any("could not start" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_redirect_to_plain_http_elsewhere_is_not_followed(
    client: Client, fake_oidc: FakeOidcProvider, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """The provider's answers may redirect only to https or loopback URLs: a redirect to plain
    http elsewhere is not followed and the login does not start."""
    settings.DEBUG = False
    fake_oidc.discovery_redirect = "http://provider.invalid/.well-known/openid-configuration"
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = client.get(LOGIN_URL)
    assert response.status_code == 502
    assert any("redirect URL" in record.getMessage() for record in caplog.records)


# -- successful callbacks ----------------------------------------------------------------


@pytest.mark.django_db
def test_callback_creates_user_and_logs_in(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """A first login creates a person linked to (issuer, subject), with the provider's name,
    a placeholder .invalid e-mail address (ID-porten gives none) and no usable password, logs
    them in and redirects to LOGIN_REDIRECT_URL."""
    response = _login(client, fake_oidc)
    assert response.status_code == 302
    assert response["Location"] == _home()
    user = User.objects.get(oidc_issuer=fake_oidc.issuer, oidc_subject=fake_oidc.subject)
    assert _logged_in_user_id(client) == str(user.pk)
    assert user.full_name == "Kari Nordmann"
    assert user.email == oidc.placeholder_email(fake_oidc.issuer, fake_oidc.subject)
    assert user.email.endswith("@oidc.invalid")
    assert oidc.has_placeholder_email(user)
    assert fake_oidc.subject not in user.email
    assert not user.has_usable_password()
    assert client.session.get(oidc.SESSION_KEY) == {}


@pytest.mark.django_db
def test_token_request_sends_verifier_and_basic_auth(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """The code is exchanged with client_secret_basic by default, sending the PKCE verifier
    and the same redirect_uri (the fake provider checks both)."""
    start = _query(_start(client))
    verifier = client.session[oidc.SESSION_KEY][start["state"]]["code_verifier"]
    client.get(
        _callback_path(
            fake_oidc.authorize(f"{fake_oidc.issuer}/authorize?" + urllib.parse.urlencode(start))
        )
    )
    (request,) = fake_oidc.token_requests
    assert request["auth_method"] == "client_secret_basic"
    assert request["form"]["code_verifier"] == verifier
    assert request["form"]["redirect_uri"] == start["redirect_uri"]
    assert "client_secret" not in request["form"]


@pytest.mark.django_db
def test_client_secret_post_when_provider_only_supports_it(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """When the provider announces only client_secret_post, the secret is sent in the form
    and the login succeeds."""
    fake_oidc.auth_methods = ("client_secret_post",)
    response = _login(client, fake_oidc)
    assert response.status_code == 302
    assert fake_oidc.token_requests[0]["auth_method"] == "client_secret_post"
    assert _logged_in_user_id(client) is not None


@pytest.mark.django_db
def test_second_login_finds_the_same_user(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """Logging in again with the same identity finds the same person, not a new one."""
    _login(client, fake_oidc)
    other = Client()
    _login(other, fake_oidc)
    assert User.objects.count() == 1
    assert _logged_in_user_id(other) == _logged_in_user_id(client)


@pytest.mark.django_db
def test_session_key_is_cycled_on_login(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """The session key after the login differs from the one before (no session fixation)."""
    location = fake_oidc.authorize(_start(client))
    before = client.session.session_key
    client.get(_callback_path(location))
    assert client.session.session_key != before
    assert _logged_in_user_id(client) is not None


@pytest.mark.django_db
def test_verified_email_never_links_to_an_existing_account(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """Pre-registration attack: someone registers the victim's address locally with a
    password of their own. When the victim logs in with the provider, which reports that
    address as verified, the victim gets a new account with a placeholder address; the
    pre-registered account is neither linked nor given to the victim, and its owner's
    password does not reach the victim's identity."""
    attacker = User.objects.create_user(
        email="kari@example.no", password="angriperens-passord-2026", full_name="Kari N."
    )
    fake_oidc.email, fake_oidc.email_verified = "Kari@Example.no", True
    response = _login(client, fake_oidc)
    assert response.status_code == 302
    attacker.refresh_from_db()
    assert (attacker.oidc_issuer, attacker.oidc_subject) == ("", "")
    assert attacker.email_verified_at is None
    victim = User.objects.get(oidc_subject=fake_oidc.subject)
    assert victim.pk != attacker.pk
    assert oidc.has_placeholder_email(victim)
    assert victim.email_verified_at is None
    assert not victim.has_usable_password()
    assert _logged_in_user_id(client) == str(victim.pk)
    # The attacker's password opens only the attacker's own account, never the victim's.
    assert attacker.check_password("angriperens-passord-2026")
    assert User.objects.filter(oidc_subject=fake_oidc.subject).count() == 1


@pytest.mark.django_db
def test_new_user_gets_verified_email(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """A new person whose verified address is unknown here is created with that address,
    marked as verified (the provider said so)."""
    fake_oidc.email, fake_oidc.email_verified = "ola@example.no", True
    _login(client, fake_oidc)
    user = User.objects.get(oidc_subject=fake_oidc.subject)
    assert user.email == "ola@example.no"
    assert not oidc.has_placeholder_email(user)
    assert user.email_verified_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("verified", [False, None])
def test_unverified_email_does_not_link(
    client: Client, fake_oidc: FakeOidcProvider, verified: bool | None
) -> None:
    """An address the provider does not say is verified (false or absent) is never used to
    link to an existing person; a new person with a placeholder address is created."""
    existing = User.objects.create_user(email="kari@example.no", password=None)
    fake_oidc.email, fake_oidc.email_verified = "kari@example.no", verified
    _login(client, fake_oidc)
    existing.refresh_from_db()
    assert existing.oidc_subject == ""
    new = User.objects.get(oidc_subject=fake_oidc.subject)
    assert new.pk != existing.pk
    assert oidc.has_placeholder_email(new)
    assert _logged_in_user_id(client) == str(new.pk)


@pytest.mark.django_db
def test_unverified_email_is_not_marked_verified(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """A linked person whose address the provider now reports as verified gets it marked
    verified; an address the provider does not vouch for is left unverified."""
    user = User.objects.create_user(
        email="ola@example.no", oidc_issuer=fake_oidc.issuer, oidc_subject=fake_oidc.subject
    )
    fake_oidc.email, fake_oidc.email_verified = "ola@example.no", False
    _login(client, fake_oidc)
    user.refresh_from_db()
    assert user.email_verified_at is None
    fake_oidc.email_verified = True
    _login(Client(), fake_oidc)
    user.refresh_from_db()
    assert user.email_verified_at is not None


@pytest.mark.django_db
def test_inactive_user_is_refused(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """A deactivated person cannot log in through the provider."""
    User.objects.create_user(
        email="x@example.no",
        oidc_issuer=fake_oidc.issuer,
        oidc_subject=fake_oidc.subject,
        is_active=False,
    )
    response = _login(client, fake_oidc)
    assert response.status_code == 400
    assert _logged_in_user_id(client) is None


# -- the next URL ------------------------------------------------------------------------


@pytest.mark.django_db
def test_safe_next_url_is_honoured(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """A local ``next`` URL given to the login view is where the person lands afterwards."""
    response = _login(client, fake_oidc, next_url="/oslo/forslag/?side=2")
    assert response.status_code == 302
    assert response["Location"] == "/oslo/forslag/?side=2"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/path", "http://testserver.evil/", "javascript:x"],
)
def test_unsafe_next_url_is_ignored(
    client: Client, fake_oidc: FakeOidcProvider, next_url: str
) -> None:
    """A ``next`` URL pointing to another site is ignored: the person lands on
    LOGIN_REDIRECT_URL, still logged in."""
    response = _login(client, fake_oidc, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == _home()
    assert _logged_in_user_id(client) is not None


# -- refused callbacks -------------------------------------------------------------------


def _assert_refused(
    client: Client, response: Any, caplog: pytest.LogCaptureFixture, reason: str
) -> None:
    assert response.status_code == 400
    assert "accounts/oidc_error.html" in [t.name for t in response.templates]
    assert _logged_in_user_id(client) is None
    assert not client.session.get(oidc.SESSION_KEY)
    warnings = [
        r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING
    ]
    assert any(reason in message for message in warnings), warnings


@pytest.mark.django_db
def test_wrong_state_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """A callback whose state is not the pending one is refused with 400: nobody is logged in,
    no token is requested, the pending login is cleared and a warning is logged."""
    location = fake_oidc.authorize(_start(client))
    params = _query(location)
    params["state"] = "forged-" + params["state"]
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = client.get(CALLBACK_URL, params)
    _assert_refused(client, response, caplog, "state")
    assert fake_oidc.token_requests == []
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_missing_state_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """A callback without a state is refused with 400 and a warning."""
    params = _query(fake_oidc.authorize(_start(client)))
    del params["state"]
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = client.get(CALLBACK_URL, params)
    _assert_refused(client, response, caplog, "state")


@pytest.mark.django_db
def test_callback_without_any_login_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """A callback in a session that never started a login (for instance a link sent by an
    attacker) is refused with 400."""
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = client.get(CALLBACK_URL, {"code": "abc", "state": "xyz"})
    _assert_refused(client, response, caplog, "state")


@pytest.mark.django_db
def test_wrong_nonce_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """An ID token whose nonce is not the one sent is refused."""
    fake_oidc.wrong_nonce = True
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc)
    _assert_refused(client, response, caplog, "nonce")
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_token_signed_by_another_key_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """An ID token signed with a key that is not the provider's (but claims its kid) is
    refused because the signature does not verify."""
    fake_oidc.sign_with_other_key = True
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc)
    _assert_refused(client, response, caplog, "signature")
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_token_with_unknown_key_id_is_refused_after_refetching_keys(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """An ID token naming a key id the JWKS does not have is refused; the JWKS is fetched
    once more first, in case the provider rotated its keys."""
    fake_oidc.sign_with_other_key, fake_oidc.other_key_id = True, "unknown-key"
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc)
    _assert_refused(client, response, caplog, "kid")
    assert fake_oidc.jwks_requests == 2


@pytest.mark.django_db
def test_symmetric_algorithm_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """An ID token signed with HS256 (using the client secret) is refused: only RS256 is
    accepted."""
    fake_oidc.id_token_alg = "HS256"
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc)
    _assert_refused(client, response, caplog, "RS256")


@pytest.mark.django_db
def test_wrong_issuer_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """An ID token from another issuer than the configured one is refused."""
    fake_oidc.wrong_issuer = True
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc)
    _assert_refused(client, response, caplog, "issuer")


@pytest.mark.django_db
def test_wrong_audience_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """An ID token meant for another client is refused."""
    fake_oidc.wrong_audience = True
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc)
    _assert_refused(client, response, caplog, "another client")


@pytest.mark.django_db
def test_expired_token_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """An ID token whose exp lies in the past (beyond the leeway) is refused."""
    fake_oidc.expired = True
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc)
    _assert_refused(client, response, caplog, "expired")


@pytest.mark.django_db
def test_provider_error_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """When the provider sends back ``error`` (the person cancelled) the login is refused,
    no token is requested, and the page says the login was cancelled."""
    fake_oidc.authorize_error = "access_denied"
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc)
    _assert_refused(client, response, caplog, "access_denied")
    assert response.context["cancelled"] is True
    assert fake_oidc.token_requests == []


@pytest.mark.django_db
def test_token_endpoint_error_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """When the token endpoint answers with an error the login is refused."""
    fake_oidc.token_error = "invalid_grant"
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc)
    _assert_refused(client, response, caplog, "invalid_grant")
    assert response.context["cancelled"] is False


@pytest.mark.django_db
def test_wrong_client_secret_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """With a wrong client secret the token endpoint refuses (401) and so does the login."""
    settings.OIDC = OidcConfig(**{**settings.OIDC.__dict__, "client_secret": "wrong"})
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc)
    _assert_refused(client, response, caplog, "401")


@pytest.mark.django_db
def test_tampered_code_verifier_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """When the verifier sent does not match the challenge (PKCE) the provider refuses the
    code and the login is refused."""
    location = fake_oidc.authorize(_start(client))
    session = client.session
    pending = session[oidc.SESSION_KEY]
    for entry in pending.values():
        entry["code_verifier"] = "x" * 64
    session[oidc.SESSION_KEY] = pending
    session.save()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = client.get(_callback_path(location))
    _assert_refused(client, response, caplog, "PKCE")


@pytest.mark.django_db
def test_replayed_callback_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """The same callback (same state) works once: the second time it is refused with 400,
    in the same browser and in another one, and no second token is requested."""
    path = _callback_path(fake_oidc.authorize(_start(client)))
    assert client.get(path).status_code == 302
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        again = client.get(path)
        stranger = Client()
        elsewhere = stranger.get(path)
    assert again.status_code == 400
    assert elsewhere.status_code == 400
    assert _logged_in_user_id(stranger) is None
    assert len(fake_oidc.token_requests) == 1
    assert sum("state" in r.getMessage() for r in caplog.records if r.name == LOGGER) == 2


@pytest.mark.django_db
def test_error_page_uses_the_site_layout(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """The error page renders in the site's layout with Designsystemet classes and a link
    back to the login page."""
    response = client.get(CALLBACK_URL, {"state": "nothing"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="ds-alert" data-color="danger"' in html
    assert 'class="ds-heading" data-size="lg"' in html
    assert f'class="ds-link" href="{reverse("accounts:login")}"' in html


# -- switched off ------------------------------------------------------------------------


@pytest.mark.django_db
def test_disabled_oidc_gives_404(client: Client, settings: Any) -> None:
    """With OpenID Connect switched off both views answer 404."""
    settings.OIDC = OidcConfig(
        enabled=False, issuer="", client_id="", client_secret="", scopes="openid", label="ID-porten"
    )
    assert client.get(LOGIN_URL).status_code == 404
    assert client.get(CALLBACK_URL, {"code": "a", "state": "b"}).status_code == 404


@pytest.mark.django_db
def test_post_is_not_allowed(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """Both views answer only GET."""
    assert client.post(LOGIN_URL).status_code == 405
    assert client.post(CALLBACK_URL).status_code == 405


# -- the service -------------------------------------------------------------------------


@pytest.mark.django_db
def test_user_from_oidc_is_idempotent() -> None:
    """user_from_oidc returns the same person for the same identity and fills in a missing
    name, without touching the e-mail address."""
    first = oidc.user_from_oidc(
        issuer="https://idporten.no", subject="abc", email=None, full_name=""
    )
    second = oidc.user_from_oidc(
        issuer="https://idporten.no",
        subject="abc",
        email="new@example.no",
        full_name="Ola Nordmann",
    )
    assert first.pk == second.pk
    second.refresh_from_db()
    assert second.full_name == "Ola Nordmann"
    assert oidc.has_placeholder_email(second)


@pytest.mark.django_db
def test_user_from_oidc_placeholder_is_per_identity() -> None:
    """Different subjects, or the same subject at different issuers, get different people
    with different placeholder addresses."""
    a = oidc.user_from_oidc(issuer="https://idporten.no", subject="s1", email=None, full_name="")
    b = oidc.user_from_oidc(issuer="https://idporten.no", subject="s2", email=None, full_name="")
    c = oidc.user_from_oidc(
        issuer="https://test.idporten.no", subject="s1", email=None, full_name=""
    )
    assert len({a.pk, b.pk, c.pk}) == 3
    assert len({a.email, b.email, c.email}) == 3


@pytest.mark.django_db
def test_provider_error_text_cannot_forge_log_lines(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """Control characters in a provider error (which anyone can put in the callback URL) are
    replaced before logging, so they cannot forge extra log lines."""
    state = _query(_start(client))["state"]
    params = {"state": state, "error": "x\nFAKE LOG LINE", "error_description": "a\r\nb"}
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = client.get(CALLBACK_URL, params)
    _assert_refused(client, response, caplog, "x?FAKE LOG LINE")
    assert not any("\n" in r.getMessage() for r in caplog.records if r.name == LOGGER)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://idporten.no", True),
        ("http://127.0.0.1:8080", True),
        ("http://localhost:8080/x", True),
        ("http://idporten.no", False),
        ("file:///etc/passwd", False),
        ("ftp://idporten.no", False),
    ],
)
def test_only_https_or_loopback_provider_urls(settings: Any, url: str, allowed: bool) -> None:
    """Outside DEBUG the provider is only reached over https, or plain http on loopback."""
    settings.DEBUG = False
    if allowed:
        oidc._check_url(url, "test")
    else:
        with pytest.raises(oidc.OidcError):
            oidc._check_url(url, "test")
