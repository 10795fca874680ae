"""ID-porten as Digdir documents it: the level of assurance asked for and checked, the
site language passed on, logout at ID-porten and its front-channel logout, and the
national identity number (``pid``) verifying the person's date of birth and residence.
Against the fake provider in ``fake_oidc.py``."""

from __future__ import annotations

import dataclasses
import datetime
import logging
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

from medvirk.accounts import oidc
from medvirk.accounts.models import (
    IdentityDocument,
    OidcSession,
    ResidentVerification,
    Role,
    User,
    VerificationMethod,
)
from medvirk.accounts.population_register import FakePopulationRegister, Residence
from medvirk.accounts.residents import nin_hash, resident_verify_in_person
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.accounts.tests.fake_oidc import FakeOidcProvider
from medvirk.accounts.tests.national_ids import national_id_for
from medvirk.places.models import LoginLevel
from medvirk.places.tests.factories import DistrictFactory, MunicipalityFactory, PostcodeFactory

LOGIN_URL = "/konto/oidc/login/"
LOGOUT_URL = "/konto/logg-ut/"
FRONT_CHANNEL_URL = "/konto/oidc/frontchannel-logout/"
LOGGER = "medvirk.accounts.oidc"
SUBSTANTIAL, HIGH = LoginLevel.SUBSTANTIAL.value, LoginLevel.HIGH.value

pytestmark = pytest.mark.django_db


def _query(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def _start(client: Client, **params: str) -> str:
    response = client.get(LOGIN_URL, params)
    assert response.status_code == 302
    return str(response["Location"])


def _login(client: Client, fake: FakeOidcProvider, **params: str) -> Any:
    location = fake.authorize(_start(client, **params))
    parsed = urllib.parse.urlsplit(location)
    return client.get(f"{parsed.path}?{parsed.query}")


def _user_id(client: Client) -> str | None:
    value = client.session.get(AUTH_SESSION_KEY)
    return str(value) if value is not None else None


@pytest.fixture
def register(settings: Any, fake_oidc: FakeOidcProvider) -> Iterator[type[FakePopulationRegister]]:
    """The fake population register, selected for this test and empty afterwards."""
    settings.OIDC = dataclasses.replace(settings.OIDC, population_register="fake")
    FakePopulationRegister.clear()
    yield FakePopulationRegister
    FakePopulationRegister.clear()


# -- level of assurance ------------------------------------------------------------------


def test_acr_values_is_the_installation_level(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """The authorization request asks for the installation's level (substantial unless
    configured)."""
    assert _query(_start(client))["acr_values"] == SUBSTANTIAL


def test_acr_values_is_the_municipality_level_when_stricter(
    client: Client, fake_oidc: FakeOidcProvider, settings: Any
) -> None:
    """A login started from a municipality that requires the high level asks for high; a
    municipality cannot lower the installation's level."""
    strict = MunicipalityFactory(login_level=LoginLevel.HIGH)
    relaxed = MunicipalityFactory()
    assert _query(_start(client, kommune=strict.slug))["acr_values"] == HIGH
    assert _query(_start(client, kommune=relaxed.slug))["acr_values"] == SUBSTANTIAL
    settings.OIDC = dataclasses.replace(settings.OIDC, acr_values=HIGH)
    assert _query(_start(client, kommune=relaxed.slug))["acr_values"] == HIGH


def test_token_with_lower_level_than_asked_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """Digdir: the client must check that acr is high enough. A token at substantial for a
    login that asked for high is refused, and nobody is logged in."""
    municipality = MunicipalityFactory(login_level=LoginLevel.HIGH)
    fake_oidc.acr = SUBSTANTIAL
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _login(client, fake_oidc, kommune=municipality.slug)
    assert response.status_code == 400
    assert _user_id(client) is None
    assert any("lower than" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("acr", ["Level3", "", "idporten-loa-low"])
def test_token_with_unknown_level_is_refused(
    client: Client, fake_oidc: FakeOidcProvider, acr: str
) -> None:
    """An acr that is not one of ID-porten's levels is refused."""
    fake_oidc.acr = acr or "unknown"
    assert _login(client, fake_oidc).status_code == 400
    assert _user_id(client) is None


def test_higher_level_than_asked_is_accepted(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """A token at high for a login that asked for substantial is fine."""
    fake_oidc.acr = HIGH
    assert _login(client, fake_oidc).status_code == 302
    assert _user_id(client) is not None


# -- language ----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [("nb", "nb"), ("nn", "nn"), ("en", "en")])
def test_ui_locales_is_the_site_language(
    client: Client, fake_oidc: FakeOidcProvider, settings: Any, language: str, expected: str
) -> None:
    """ID-porten's pages are shown in the site language the person uses."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert _query(_start(client))["ui_locales"] == expected


def test_ui_locale_mapping() -> None:
    """Only the languages ID-porten has are passed on."""
    assert oidc.ui_locale("nb") == "nb"
    assert oidc.ui_locale("en-gb") == "en"
    assert oidc.ui_locale("no") == "nb"
    assert oidc.ui_locale("pl") is None
    assert oidc.ui_locale(None) is None


# -- logging out -------------------------------------------------------------------------


def test_logout_goes_through_the_providers_end_session_endpoint(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """Logging out of a provider login ends the local session and sends the browser to
    the end_session_endpoint with the ID token as id_token_hint and the registered
    post_logout_redirect_uri, which comes back to the front page."""
    _login(client, fake_oidc)
    id_token = fake_oidc.issued_claims and oidc.provider_login(client.session)
    assert id_token
    response = client.post(LOGOUT_URL)
    assert response.status_code == 302
    location = str(response["Location"])
    assert location.startswith(f"{fake_oidc.issuer}/endsession?")
    params = _query(location)
    assert params["id_token_hint"] == id_token["id_token"]
    assert params["post_logout_redirect_uri"] == "http://testserver/konto/oidc/logget-ut/"
    assert _user_id(client) is None
    assert not OidcSession.objects.exists()
    back = client.get("/konto/oidc/logget-ut/")
    assert back.status_code == 302


def test_id_token_is_kept_encrypted_in_the_session(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """The ID token carries the national identity number, so the session keeps it only
    encrypted: the number is not found in the stored session data."""
    fake_oidc.pid = national_id_for(datetime.date(1990, 4, 2))
    _login(client, fake_oidc)
    stored = Session.objects.get(session_key=client.session.session_key)
    assert fake_oidc.pid not in stored.session_data
    assert fake_oidc.pid not in str(stored.get_decoded())


def test_password_login_logs_out_locally(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """Someone who logged in with e-mail and password is logged out here only."""
    user = UserFactory()
    client.force_login(user)
    response = client.post(LOGOUT_URL)
    assert response.status_code == 302
    assert not str(response["Location"]).startswith(fake_oidc.issuer)
    assert _user_id(client) is None


def test_front_channel_logout_ends_the_matching_session(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """ID-porten calls the front-channel logout route from its logout page, in an iframe
    that does not carry our cookie: the session the provider session logged in ends all
    the same, and another person's session does not."""
    _login(client, fake_oidc)
    bystander = Client()
    fake_oidc.subject, fake_oidc.sid = "someone-else", "other-sid"
    _login(bystander, fake_oidc)
    assert _user_id(client) and _user_id(bystander)
    iframe = Client()  # no cookies, as in a third-party iframe
    response = iframe.get(FRONT_CHANNEL_URL, {"iss": fake_oidc.issuer, "sid": "fake-sid-0001"})
    assert response.status_code == 200
    assert _user_id(client) is None
    assert _user_id(bystander) is not None
    assert "no-store" in response["Cache-Control"]


def test_front_channel_logout_may_be_framed_by_the_provider_only(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """The route is the one page allowed in a frame: no X-Frame-Options, and a CSP whose
    frame-ancestors names the provider's origin instead of 'none'. Other pages stay
    unframeable."""
    response = client.get(FRONT_CHANNEL_URL, {"iss": fake_oidc.issuer, "sid": "x"})
    assert "X-Frame-Options" not in response
    csp = response["Content-Security-Policy"]
    assert f"frame-ancestors {fake_oidc.issuer}" in csp
    assert "frame-ancestors 'none'" not in csp
    home = client.get("/")
    assert home["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in home["Content-Security-Policy"]


def test_front_channel_logout_from_another_issuer_ends_nothing(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """Only the configured issuer can end sessions."""
    _login(client, fake_oidc)
    response = Client().get(
        FRONT_CHANNEL_URL, {"iss": "https://impostor.example", "sid": "fake-sid-0001"}
    )
    assert response.status_code == 200
    assert _user_id(client) is not None


def test_front_channel_logout_with_own_cookie(client: Client, fake_oidc: FakeOidcProvider) -> None:
    """When the browser does send the cookie, that session ends too."""
    _login(client, fake_oidc)
    client.get(FRONT_CHANNEL_URL, {"iss": fake_oidc.issuer, "sid": "fake-sid-0001"})
    assert _user_id(client) is None


# -- the national identity number ----------------------------------------------------------


def test_pid_verifies_birth_date_and_residence(
    client: Client, fake_oidc: FakeOidcProvider, register: type[FakePopulationRegister]
) -> None:
    """A login with pid verifies the person: the date of birth from the number, the
    municipality and district from the population register. Only a keyed hash of the
    number is kept."""
    district = DistrictFactory()
    pid = national_id_for(datetime.date(2008, 6, 30))
    register.add(pid, Residence(district.municipality.number, district_slug=district.slug))
    fake_oidc.pid = pid
    _login(client, fake_oidc)
    user = User.objects.get(oidc_subject=fake_oidc.subject)
    verification = ResidentVerification.objects.get(user=user)
    assert verification.method == VerificationMethod.ID_PORTEN
    assert verification.birth_date == datetime.date(2008, 6, 30)
    assert verification.municipality == district.municipality
    assert verification.district == district
    assert verification.nin_hash == nin_hash(pid)
    assert pid not in verification.nin_hash
    assert len(verification.nin_hash) == 64
    assert all(pid not in str(value) for value in vars(user).values())


def test_pid_unknown_to_the_register_verifies_the_birth_date_only(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """Without a register that knows the person, the date of birth is verified and the
    residence is not."""
    fake_oidc.pid = national_id_for(datetime.date(1975, 12, 24), d_number=True)
    _login(client, fake_oidc)
    verification = ResidentVerification.objects.get()
    assert verification.birth_date == datetime.date(1975, 12, 24)
    assert verification.municipality is None


def test_invalid_pid_does_not_stop_the_login(
    client: Client, fake_oidc: FakeOidcProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """A number with wrong check digits verifies nothing; the login itself succeeds."""
    fake_oidc.pid = "12345678901"
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert _login(client, fake_oidc).status_code == 302
    assert not ResidentVerification.objects.exists()
    assert any("No resident verification" in r.getMessage() for r in caplog.records)
    assert all("12345678901" not in r.getMessage() for r in caplog.records)


def test_pid_links_to_the_account_verified_in_person(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """A person whose identity document (with the number) was checked in person is found
    again by ID-porten's pid: the login reaches that account, not a new one."""
    district = DistrictFactory()
    staff = user_with_role(Role.CASE_OFFICER, municipality=district.municipality)
    resident = UserFactory()
    birth = datetime.date(1999, 1, 31)
    pid = national_id_for(birth)
    resident_verify_in_person(
        actor=staff,
        user=resident,
        municipality=district.municipality,
        district=district,
        birth_date=birth,
        document_type=IdentityDocument.PASSPORT,
        national_id=pid,
    )
    fake_oidc.pid = pid
    _login(client, fake_oidc)
    assert _user_id(client) == str(resident.pk)
    resident.refresh_from_db()
    assert resident.oidc_subject == fake_oidc.subject
    # The residence checked in person stays, now tied to the number.
    verification = ResidentVerification.objects.get(user=resident, revoked_at__isnull=True)
    assert verification.district == district
    assert User.objects.filter(oidc_subject=fake_oidc.subject).count() == 1


def test_pid_of_a_person_linked_to_another_subject_is_refused(
    client: Client, fake_oidc: FakeOidcProvider
) -> None:
    """The same number under another subject of the same issuer is not relinked."""
    birth = datetime.date(1960, 3, 3)
    pid = national_id_for(birth)
    fake_oidc.pid = pid
    _login(client, fake_oidc)
    fake_oidc.subject = "a-different-subject"
    response = _login(Client(), fake_oidc)
    assert response.status_code == 400


def test_demo_resident_of_the_fake_register(
    client: Client, fake_oidc: FakeOidcProvider, register: type[FakePopulationRegister]
) -> None:
    """The fake register knows the demo residents from the start (synthetic test numbers):
    one of them is verified as living in the district their postcode belongs to."""
    municipality = MunicipalityFactory(number="3301")
    district = DistrictFactory(municipality=municipality)
    PostcodeFactory(code="3011", district=district)
    fake_oidc.pid = "12859000019"
    _login(client, fake_oidc)
    verification = ResidentVerification.objects.get()
    assert verification.birth_date == datetime.date(1990, 5, 12)
    assert (verification.municipality, verification.district) == (municipality, district)


# -- configuration ---------------------------------------------------------------------------


def test_configuration_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """OIDC_ACR_VALUES takes ID-porten's levels only; the fake population register is the
    local default and refused in production, where none is the default."""
    from django.core.exceptions import ImproperlyConfigured

    from config.env import _oidc

    monkeypatch.delenv("POPULATION_REGISTER", raising=False)
    monkeypatch.setenv("OIDC_ACR_VALUES", HIGH)
    assert _oidc(production=False).acr_values == HIGH
    assert _oidc(production=False).population_register == "fake"
    assert _oidc(production=True).population_register == "none"
    monkeypatch.setenv("OIDC_ACR_VALUES", "Level4")
    with pytest.raises(ImproperlyConfigured):
        _oidc(production=False)
    monkeypatch.setenv("OIDC_ACR_VALUES", SUBSTANTIAL)
    monkeypatch.setenv("POPULATION_REGISTER", "fake")
    with pytest.raises(ImproperlyConfigured):
        _oidc(production=True)
    monkeypatch.setenv("IDENTITY_HASH_KEY", "a-dedicated-key")
    config = _oidc(production=False)
    assert "a-dedicated-key" not in repr(config)


def test_hash_key_is_dedicated_when_set(settings: Any) -> None:
    """IDENTITY_HASH_KEY, when set, keys the hash instead of SECRET_KEY, so changing
    SECRET_KEY does not change the hashes."""
    number = national_id_for(datetime.date(1970, 1, 1))
    settings.OIDC = dataclasses.replace(settings.OIDC, identity_hash_key="key-one")
    first = nin_hash(number)
    settings.SECRET_KEY = "another-secret-key-entirely-0123456789-abcdefghijkl"
    assert nin_hash(number) == first
    settings.OIDC = dataclasses.replace(settings.OIDC, identity_hash_key="key-two")
    assert nin_hash(number) != first
