"""A resident creates an account, logs out and logs in again in a real browser; the
forms explain mistakes in plain language and pass axe's WCAG 2.1 A and AA checks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from medvirk.accounts.models import User
from medvirk.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_logout_and_login(live_server: Any, page: Any, assert_accessible: Any) -> None:
    """Registration with a mismatch is corrected on the same form; the account works for
    logging out and in again."""
    page.goto(live_server.url + "/konto/registrer/")
    assert_accessible(page)
    page.get_by_label("Navn").fill("Lise Andersen")
    page.get_by_label("E-postadresse").fill("lise@eksempel.no")
    page.get_by_label("Passord", exact=True).fill(PASSWORD)
    page.get_by_label("Passord en gang til").fill("noe-helt-annet-2026")
    page.get_by_role("button", name="Opprett konto").click()
    page.get_by_text("De to passordene er ikke like.").first.wait_for()
    assert page.get_by_label("E-postadresse").input_value() == "lise@eksempel.no"
    assert_accessible(page)

    page.get_by_label("Passord", exact=True).fill(PASSWORD)
    page.get_by_label("Passord en gang til").fill(PASSWORD)
    page.get_by_role("button", name="Opprett konto").click()
    page.get_by_text("Velkommen! Kontoen din er opprettet.").wait_for()
    assert User.objects.filter(email="lise@eksempel.no").exists()

    page.get_by_role("button", name="Logg ut").click()
    page.get_by_role("link", name="Logg inn").first.click()
    page.wait_for_url(re.compile(r"/konto/logg-inn/"))
    assert_accessible(page)
    page.get_by_label("E-postadresse").fill("lise@eksempel.no")
    page.get_by_label("Passord").fill("feil-passord")
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_text("Feil e-postadresse eller passord.").first.wait_for()
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_text("Lise Andersen").wait_for()
