"""A resident manages their own account: confirming the e-mail address, the profile,
a forgotten password and a changed one. Messages go through the outbox and the worker."""

from __future__ import annotations

import re
import uuid

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from medvirk.accounts.models import User
from medvirk.accounts.services import email_verification_token
from medvirk.accounts.tests.factories import PASSWORD, UserFactory
from medvirk.places.tests.factories import DistrictFactory
from medvirk.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def _sent_link(pattern: str) -> str:
    """The one link in the last message sent whose path contains ``pattern``."""
    run_queued_tasks()
    assert mail.outbox, "no e-mail was sent"
    links = [link for link in LINK.findall(mail.outbox[-1].body) if pattern in link]
    assert len(links) == 1, mail.outbox[-1].body
    return links[0].split("testserver", 1)[1]


def _register(client, django_capture_on_commit_callbacks, email: str = "kari@eksempel.no"):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("accounts:register"),
            {"full_name": "Kari", "email": email, "password": PASSWORD, "password_again": PASSWORD},
            follow=True,
        )


def test_registration_sends_a_link_that_confirms_the_address(
    client, django_capture_on_commit_callbacks
) -> None:
    response = _register(client, django_capture_on_commit_callbacks)
    user = User.objects.get(email="kari@eksempel.no")
    assert user.email_verified_at is None
    assert "kari@eksempel.no" in response.content.decode()
    path = _sent_link("/konto/bekreft-epost/")
    assert mail.outbox[-1].to == ["kari@eksempel.no"]
    client.logout()  # the link works on another device too
    response = client.get(path, follow=True)
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email_verified_at is not None
    # A second click is harmless and keeps the first time.
    first = user.email_verified_at
    client.get(path)
    user.refresh_from_db()
    assert user.email_verified_at == first


def test_a_tampered_link_is_refused_with_a_reason(client) -> None:
    user = UserFactory(email_verified_at=None)
    token = email_verification_token(user=user)
    response = client.get(reverse("accounts:verify-email-confirm", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert "Lenken er ikke gyldig" in response.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_an_expired_link_is_refused(client) -> None:
    user = UserFactory(email_verified_at=None)
    with time_machine.travel(timezone.now() - timezone.timedelta(days=4)):
        token = email_verification_token(user=user)
    response = client.get(reverse("accounts:verify-email-confirm", args=[token]))
    assert response.status_code == 400
    assert "Lenken er utløpt" in response.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_a_link_for_an_old_address_does_not_confirm_the_new_one(client) -> None:
    user = UserFactory(email="gammel@eksempel.no", email_verified_at=None)
    token = email_verification_token(user=user)
    User.objects.filter(pk=user.pk).update(email="ny@eksempel.no")
    response = client.get(reverse("accounts:verify-email-confirm", args=[token]))
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_sending_the_link_again_is_limited_to_once_a_minute(
    client, django_capture_on_commit_callbacks
) -> None:
    user = UserFactory(email_verified_at=None)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:verify-email"))
        response = client.post(reverse("accounts:verify-email"), follow=True)
    run_queued_tasks()
    assert len(mail.outbox) == 1
    assert "under ett minutt siden" in response.content.decode()


def test_profile_saves_details_and_a_new_address_must_be_confirmed(
    client, django_capture_on_commit_callbacks
) -> None:
    district = DistrictFactory()
    user = UserFactory(email="kari@eksempel.no")
    assert user.email_verified_at is not None
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:profile"),
            {
                "full_name": "Kari Berg",
                "email": "Kari.Berg@Eksempel.no",
                "preferred_language": "nn",
                "district": district.pk,
            },
        )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "nn"
    user.refresh_from_db()
    assert (user.full_name, user.email, user.preferred_language, user.district) == (
        "Kari Berg",
        "kari.berg@eksempel.no",
        "nn",
        district,
    )
    assert user.email_verified_at is None
    path = _sent_link("/konto/bekreft-epost/")
    assert mail.outbox[-1].to == ["kari.berg@eksempel.no"]
    client.get(path)
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_profile_refuses_an_address_another_account_has(client) -> None:
    UserFactory(email="opptatt@eksempel.no")
    user = UserFactory(email="kari@eksempel.no")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Kari", "email": "opptatt@eksempel.no", "preferred_language": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Det finnes allerede en konto med denne e-postadressen."
    ]
    user.refresh_from_db()
    assert user.email == "kari@eksempel.no"


def test_profile_refuses_an_unknown_district_and_language(client) -> None:
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"email": user.email, "preferred_language": "de", "district": "999999"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"preferred_language", "district"}


def test_my_page_links_to_everything_of_mine(client) -> None:
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("accounts:profile"))
    html = response.content.decode()
    for name in ("followup:my_inputs", "accounts:my-data", "api:tokens", "accounts:delete-account"):
        assert f'href="{reverse(name)}"' in html
    # The header links to it on every page.
    home = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("accounts:profile")}"' in home


def test_my_page_needs_login(client) -> None:
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_forgotten_password_is_reset_by_a_link_sent_by_the_worker(
    client, django_capture_on_commit_callbacks
) -> None:
    user = UserFactory(email="kari@eksempel.no", email_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password-reset"), {"email": "KARI@eksempel.no"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert mail.outbox == []  # written to the outbox; the worker sends it
    path = _sent_link("/konto/nytt-passord/")
    page = client.get(path, follow=True)
    assert page.context["validlink"]
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "et-nytt-passord-2027", "new_password2": "et-nytt-passord-2027"},
    )
    assert response["Location"] == reverse("accounts:password-reset-complete")
    user.refresh_from_db()
    assert user.check_password("et-nytt-passord-2027")
    assert user.email_verified_at is not None  # the link proved the address
    # The link works once.
    assert not client.get(path, follow=True).context["validlink"]


def test_password_reset_says_the_same_for_an_unknown_address(
    client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password-reset"), {"email": "ingen@eksempel.no"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    run_queued_tasks()
    assert mail.outbox == []


def test_password_change_needs_the_old_password(client) -> None:
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:password-change")
    wrong = client.post(
        url,
        {
            "old_password": "feil-passord",
            "new_password1": "et-nytt-passord-2027",
            "new_password2": "et-nytt-passord-2027",
        },
    )
    assert wrong.status_code == 200 and "old_password" in wrong.context["form"].errors
    right = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "et-nytt-passord-2027",
            "new_password2": "et-nytt-passord-2027",
        },
    )
    assert right["Location"] == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.check_password("et-nytt-passord-2027")


@pytest.mark.parametrize(
    "next_url", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:x"]
)
def test_moderation_never_redirects_to_another_site(client, next_url: str) -> None:
    from medvirk.accounts.models import Role
    from medvirk.accounts.tests.factories import user_with_role
    from medvirk.participation.tests.factories import make_activity, make_input

    item = make_input(make_activity(), address=f"2001:db8::{uuid.uuid4().hex[:4]}")
    municipality = item.activity.municipality
    client.force_login(user_with_role(Role.MODERATOR, municipality=municipality))
    response = client.post(
        reverse("participation:moderate", args=[municipality.slug, item.pk]),
        {"action": "approve", "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:moderation", args=[municipality.slug])


def test_moderation_follows_a_next_on_this_site(client) -> None:
    from medvirk.accounts.models import Role
    from medvirk.accounts.tests.factories import user_with_role
    from medvirk.participation.tests.factories import make_activity, make_input

    item = make_input(make_activity(), address=f"2001:db8::{uuid.uuid4().hex[:4]}")
    municipality = item.activity.municipality
    client.force_login(user_with_role(Role.MODERATOR, municipality=municipality))
    response = client.post(
        reverse("participation:moderate", args=[municipality.slug, item.pk]),
        {"action": "approve", "next": "/drammen/?side=2"},
    )
    assert response["Location"] == "/drammen/?side=2"


def test_my_page_of_staff_links_to_verifying_residents(client) -> None:
    from medvirk.accounts.models import Role
    from medvirk.accounts.tests.factories import user_with_role
    from medvirk.places.tests.factories import MunicipalityFactory

    municipality = MunicipalityFactory()
    officer = user_with_role(Role.CASE_OFFICER, municipality=municipality)
    client.force_login(officer)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:resident-verify", args=[municipality.slug]) in html
    client.force_login(UserFactory())
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "bekreft-innbygger" not in html
