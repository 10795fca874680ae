"""Registration and login with e-mail and password, with errors on the same form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from medvirk.accounts.models import User
from medvirk.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_register_logs_in_and_welcomes(client) -> None:
    """A new resident registers and is logged in at once."""
    response = client.post(
        reverse("accounts:register"),
        {
            "full_name": "Kari Nordmann",
            "email": "kari@eksempel.no",
            "password": PASSWORD,
            "password_again": PASSWORD,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["user"].email == "kari@eksempel.no"
    assert User.objects.filter(email="kari@eksempel.no").exists()


def test_register_errors_keep_what_was_typed(client) -> None:
    """Mismatched passwords are explained on the form; the name and address stay."""
    response = client.post(
        reverse("accounts:register"),
        {
            "full_name": "Kari Nordmann",
            "email": "kari@eksempel.no",
            "password": PASSWORD,
            "password_again": "noe-annet-2026",
        },
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "De to passordene er ikke like." in content
    assert 'value="kari@eksempel.no"' in content and 'value="Kari Nordmann"' in content
    assert not User.objects.exists()


def test_duplicate_email_is_refused_on_the_form(client) -> None:
    """Registering an address that is taken is refused with a clear message."""
    UserFactory(email="kari@eksempel.no")
    response = client.post(
        reverse("accounts:register"),
        {"email": "KARI@eksempel.no", "password": PASSWORD, "password_again": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "An account with this e-mail address already exists." in response.content.decode()
    assert User.objects.count() == 1


def test_login_and_wrong_password(client) -> None:
    """The right password logs in; a wrong one is told plainly and logs nobody in."""
    UserFactory(email="ola@eksempel.no")
    wrong = client.post(
        reverse("accounts:login"),
        {"username": "ola@eksempel.no", "password": "feil"},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert "Feil e-postadresse eller passord." in wrong.content.decode()
    assert "_auth_user_id" not in client.session
    right = client.post(
        reverse("accounts:login"), {"username": "ola@eksempel.no", "password": PASSWORD}
    )
    assert right.status_code == 302
    assert "_auth_user_id" in client.session
