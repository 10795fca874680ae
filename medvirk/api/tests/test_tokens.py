"""Personal API tokens: created on the token page or from a password, stored only as a
keyed hash, scoped to their owner, and dead the moment they are revoked or expire. The
API knows no HTTP Basic, and password guesses on the token endpoint are counted by
django-axes like those on the login page."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from medvirk.accounts.models import User
from medvirk.accounts.tests.factories import PASSWORD, UserFactory
from medvirk.api import services
from medvirk.api.models import ApiToken

pytestmark = pytest.mark.django_db

TOKENS = "/api/v1/tokens/"


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_token_page_needs_login(client: Any) -> None:
    """The token page sends an anonymous visitor to the login page."""
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_token_page_creates_shows_once_and_revokes(client: Any, resident: User) -> None:
    """A resident creates a named token and sees it once; only a keyed hash is stored;
    the token works until it is revoked on the same page."""
    client.force_login(resident)
    page = client.post(reverse("api:tokens"), {"name": "Mitt skript", "expires_in_days": "30"})
    assert page.status_code == 200
    secret = page.context["created"].secret
    assert secret in page.content.decode()
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    token = ApiToken.objects.get(user=resident)
    assert token.name == "Mitt skript"
    assert secret not in {token.digest, token.prefix} and len(token.digest) == 64
    assert token.expires_at is not None
    assert secret not in client.get(reverse("api:tokens")).content.decode()
    assert client.get(TOKENS, headers=bearer(secret)).status_code == 200

    revoked = client.post(reverse("api:token-revoke", args=[token.pk]))
    assert revoked.status_code == 302
    assert client.get(TOKENS, headers=bearer(secret)).status_code == 401


def test_token_page_refuses_an_empty_name(client: Any, resident: User) -> None:
    """A token without a name is refused on the form, with the error shown."""
    client.force_login(resident)
    page = client.post(reverse("api:tokens"), {"name": ""})
    assert page.status_code == 200
    assert page.context["form"].errors and not ApiToken.objects.exists()


def test_a_resident_cannot_revoke_anothers_token_on_the_page(client: Any, resident: User) -> None:
    """Another person's token is not found, and keeps working."""
    other = services.token_create(user=UserFactory(), name="theirs")
    client.force_login(resident)
    assert client.post(reverse("api:token-revoke", args=[other.token.pk])).status_code == 404
    assert client.get(TOKENS, headers=bearer(other.secret)).status_code == 200


def test_bearer_token_authenticates_and_notes_its_use(client: Any, resident: User) -> None:
    """A valid token signs the caller in and records when it was last used."""
    created = services.token_create(user=resident, name="cli")
    listing = client.get(TOKENS, headers=bearer(created.secret))
    assert listing.status_code == 200
    assert [row["name"] for row in listing.json()["results"]] == ["cli"]
    assert "token" not in listing.json()["results"][0]
    created.token.refresh_from_db()
    assert created.token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["Bearer mvk_unknown", "Bearer", "Bearer a b", "Bearer \u00e6\u00f8\u00e5"],
)
def test_bad_tokens_are_refused_with_401(client: Any, header: str) -> None:
    """Unknown or malformed tokens get 401 with a Bearer challenge."""
    response = client.get(TOKENS, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_expired_tokens_and_deactivated_people_are_refused(client: Any, resident: User) -> None:
    """A token past its expiry, or of a deactivated person, no longer works."""
    created = services.token_create(user=resident, name="short", expires_in_days=1)
    assert client.get(TOKENS, headers=bearer(created.secret)).status_code == 200
    ApiToken.objects.filter(pk=created.token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(TOKENS, headers=bearer(created.secret)).status_code == 401
    other = services.token_create(user=resident, name="long")
    User.objects.filter(pk=resident.pk).update(is_active=False)
    assert client.get(TOKENS, headers=bearer(other.secret)).status_code == 401


def test_no_http_basic_authentication(client: Any, resident: User) -> None:
    """E-mail and password in a Basic header sign no one in; the challenge is Bearer."""
    basic = base64.b64encode(f"{resident.email}:{PASSWORD}".encode()).decode()
    response = client.get(TOKENS, HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code == 401
    assert "Basic" not in response["WWW-Authenticate"]


def test_session_writes_need_csrf(resident: User) -> None:
    """A signed-in browser session may write through the API only with its CSRF token."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(resident)
    created = services.token_create(user=resident, name="x")
    url = f"{TOKENS}{created.token.pk}/"
    assert browser.delete(url).status_code == 403
    browser.get(reverse("api:tokens"))  # sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    assert browser.delete(url, headers={"X-CSRFToken": csrf}).status_code == 204


def test_api_token_endpoints_are_scoped_to_their_owner(client: Any, resident: User) -> None:
    """A person lists and revokes only their own tokens; another's is 404 and lives on."""
    mine = services.token_create(user=resident, name="mine")
    theirs = services.token_create(user=UserFactory(), name="theirs")
    names = [
        row["name"] for row in client.get(TOKENS, headers=bearer(mine.secret)).json()["results"]
    ]
    assert names == ["mine"]
    assert (
        client.delete(f"{TOKENS}{theirs.token.pk}/", headers=bearer(mine.secret)).status_code == 404
    )
    assert client.get(TOKENS, headers=bearer(theirs.secret)).status_code == 200
    assert (
        client.delete(f"{TOKENS}{mine.token.pk}/", headers=bearer(mine.secret)).status_code == 204
    )
    assert client.get(TOKENS, headers=bearer(mine.secret)).status_code == 401
    assert client.get(TOKENS).status_code == 401


def test_create_token_from_password(client: Any, resident: User) -> None:
    """E-mail and password give a new token, shown once; a wrong password gives 400."""
    response = client.post(
        TOKENS,
        {"email": resident.email, "password": PASSWORD, "name": "app", "expires_in_days": 90},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["token"].startswith("mvk_") and body["expires_at"]
    assert client.get(TOKENS, headers=bearer(body["token"])).status_code == 200
    wrong = client.post(
        TOKENS,
        {"email": resident.email, "password": "feil", "name": "app"},
        content_type="application/json",
    )
    assert wrong.status_code == 400 and "detail" in wrong.json()


def test_ten_wrong_passwords_lock_the_account_here_and_on_the_site(
    client: Any, resident: User
) -> None:
    """After 10 wrong passwords for one account on the token endpoint, further attempts,
    even with the right password, are refused with 429, and so is the site's login."""
    for attempt in range(10):
        response = client.post(
            TOKENS,
            {"email": resident.email, "password": f"feil-{attempt}", "name": "x"},
            content_type="application/json",
            REMOTE_ADDR=f"10.0.0.{attempt + 1}",  # one account, many addresses
        )
        assert response.status_code in {400, 429}
    right = client.post(
        TOKENS,
        {"email": resident.email, "password": PASSWORD, "name": "x"},
        content_type="application/json",
        REMOTE_ADDR="10.0.1.1",
    )
    assert right.status_code == 429
    assert "detail" in right.json() and right["Retry-After"]
    assert not ApiToken.objects.exists()
    site = client.post(
        reverse("accounts:login"),
        {"username": resident.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.2.1",
    )
    assert site.status_code == 429
    assert "_auth_user_id" not in client.session


def test_token_list_runs_a_fixed_number_of_queries(
    client: Any, resident: User, django_assert_max_num_queries: Any
) -> None:
    """Listing ten tokens costs no more queries than listing one."""
    created = services.token_create(user=resident, name="first")
    client.get(TOKENS, headers=bearer(created.secret))  # notes the use once
    with django_assert_max_num_queries(4):
        client.get(TOKENS, headers=bearer(created.secret))
    for number in range(9):
        services.token_create(user=resident, name=f"more {number}")
    with django_assert_max_num_queries(4):
        assert len(client.get(TOKENS, headers=bearer(created.secret)).json()["results"]) == 10
