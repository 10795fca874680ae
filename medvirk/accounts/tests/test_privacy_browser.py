"""In a real browser: a resident reads the privacy statement, sees their data and deletes
their account; every page passes axe's WCAG 2.1 A and AA checks."""

from __future__ import annotations

from typing import Any

import pytest

from medvirk.accounts.models import User
from medvirk.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_privacy_statement_my_data_and_deleting_the_account(
    live_server: Any, page: Any, assert_accessible: Any
) -> None:
    """The statement is public; after logging in the person sees their data, and deletes
    the account with their password, landing logged out on a confirmation."""
    user = UserFactory(email="kari@eksempel.no", full_name="Kari Nordmann")
    page.goto(live_server.url + "/personvern/")
    page.get_by_role("heading", name="Personvernerklæring").wait_for()
    assert_accessible(page)

    page.goto(live_server.url + "/konto/logg-inn/?next=/konto/mine-data/")
    page.get_by_label("E-postadresse").fill("kari@eksempel.no")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("heading", name="Mine data").wait_for()
    page.get_by_text("kari@eksempel.no").first.wait_for()
    assert_accessible(page)

    page.goto(live_server.url + "/konto/slett-konto/")
    assert_accessible(page)
    page.get_by_label("Passordet ditt").fill("feil-passord")
    page.get_by_label("Jeg forstår at kontoen min blir slettet").check()
    page.get_by_role("button", name="Slett kontoen min").click()
    page.get_by_text("Passordet er ikke riktig.").first.wait_for()
    assert_accessible(page)
    assert User.objects.filter(pk=user.pk).exists()

    page.get_by_label("Passordet ditt").fill(PASSWORD)
    page.get_by_label("Jeg forstår at kontoen min blir slettet").check()
    page.get_by_role("button", name="Slett kontoen min").click()
    page.get_by_role("heading", name="Kontoen din er slettet").wait_for()
    assert_accessible(page)
    assert not User.objects.filter(pk=user.pk).exists()
    page.get_by_role("link", name="Logg inn").first.wait_for()
