"""Login protection (django-axes): after 10 wrong passwords for one account, or from one
address, logging in is refused for a while, on the site and in the admin, even with the
right password; a password reset lifts the pause. (The API's token endpoint has its own
test in medvirk/api/tests.)"""

from __future__ import annotations

import uuid

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.urls import reverse

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from medvirk.places.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

LIMIT = 10


def _post_login(client, url: str, email: str, password: str, address: str = "10.1.2.3"):
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("url_name", ["accounts:login", "admin:login"])
def test_ten_wrong_passwords_pause_the_account(client, url_name: str) -> None:
    user = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=MunicipalityFactory())
    url = reverse(url_name)
    for _attempt in range(LIMIT - 1):
        response = _post_login(client, url, user.email, "feil-passord")
        assert response.status_code == 200  # the form again, with its error
    response = _post_login(client, url, user.email, "feil-passord")
    assert response.status_code == 429
    # The right password is refused too while the pause lasts, from any address.
    response = _post_login(client, url, user.email, PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert int(response["Retry-After"]) == 15 * 60


def test_ten_wrong_passwords_from_one_address_pause_that_address(client) -> None:
    url = reverse("accounts:login")
    for n in range(LIMIT):
        _post_login(client, url, f"gjett{n}@eksempel.no", "feil-passord", address="10.7.7.7")
    other = UserFactory()
    assert _post_login(client, url, other.email, PASSWORD, address="10.7.7.7").status_code == 429
    # Another address is not affected.
    response = _post_login(client, url, other.email, PASSWORD, address="10.8.8.8")
    assert response.status_code == 302


def test_the_lockout_page_is_translated_and_offers_a_reset(client) -> None:
    user = UserFactory()
    url = reverse("accounts:login")
    for _attempt in range(LIMIT):
        _post_login(client, url, user.email, "feil-passord")
    response = client.post(
        url,
        {"username": user.email, "password": PASSWORD},
        REMOTE_ADDR="10.1.2.3",
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert "15" in html and reverse("accounts:password-reset") in html
    assert 'lang="nb"' in html


def test_a_right_password_before_the_limit_starts_the_count_again(client) -> None:
    user = UserFactory()
    url = reverse("accounts:login")
    for _attempt in range(LIMIT - 1):
        _post_login(client, url, user.email, "feil-passord")
    assert _post_login(client, url, user.email, PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(LIMIT - 1):
        _post_login(client, url, user.email, "feil-passord")
    assert _post_login(client, url, user.email, PASSWORD).status_code == 302


def test_counts_in_the_shared_cache(client, settings) -> None:
    """Production counts in the shared cache (Redis in the PostgreSQL leg of the suite,
    the local memory cache otherwise), so every app server sees the same counts: the
    pause holds with nothing written to the database."""
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.1"
    user = UserFactory(email=f"delt-{uuid.uuid4().hex[:8]}@eksempel.no")
    url = reverse("accounts:login")
    try:
        for _attempt in range(LIMIT):
            _post_login(client, url, user.email, "feil-passord", address=address)
        assert _post_login(client, url, user.email, PASSWORD, address=address).status_code == 429
        assert not AccessAttempt.objects.exists()
    finally:
        axes_reset(ip=address, username=user.email)
    assert _post_login(client, url, user.email, PASSWORD, address=address).status_code == 302


def test_a_password_reset_lifts_the_pause(client, django_capture_on_commit_callbacks) -> None:
    import re

    from django.core import mail

    from medvirk.testing.tasks import run_queued_tasks

    user = UserFactory()
    url = reverse("accounts:login")
    for _attempt in range(LIMIT):
        _post_login(client, url, user.email, "feil-passord")
    assert _post_login(client, url, user.email, PASSWORD).status_code == 429
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": user.email})
    run_queued_tasks()
    link = re.search(r"https?://testserver(\S+)", mail.outbox[-1].body)
    assert link is not None
    page = client.get(link.group(1), follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "et-nytt-passord-2027", "new_password2": "et-nytt-passord-2027"},
    )
    response = _post_login(client, url, user.email, "et-nytt-passord-2027")
    assert response.status_code == 302
