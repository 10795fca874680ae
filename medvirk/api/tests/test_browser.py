"""A resident manages their API tokens in a real browser: creates one with a name, sees
it once, and revokes it; the page passes axe's WCAG 2.1 A and AA checks."""

from __future__ import annotations

from typing import Any

import pytest

from medvirk.accounts.tests.factories import PASSWORD, UserFactory
from medvirk.api.models import ApiToken

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_see_once_and_revoke_a_token(
    live_server: Any, page: Any, assert_accessible: Any
) -> None:
    """The token page lists, creates (showing the token once) and revokes tokens."""
    user = UserFactory(email="kari@eksempel.no")
    page.goto(live_server.url + "/api/tokens/")
    page.get_by_label("E-postadresse").fill(user.email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("heading", name="API-nøkler").wait_for()
    page.get_by_text("Du har ingen nøkler.").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name="Lag nøkkel").click()
    page.get_by_role("alert").first.wait_for()  # the name is required
    assert_accessible(page)

    page.get_by_label("Navn").fill("Mitt skript")
    page.get_by_label("Utløper").select_option("30")
    page.get_by_role("button", name="Lag nøkkel").click()
    secret = page.locator("#new-token").inner_text()
    assert secret.startswith("mvk_")
    assert_accessible(page)
    assert ApiToken.objects.get(user=user).name == "Mitt skript"

    page.get_by_role("button", name="Trekk tilbake nøkkelen «Mitt skript»").click()
    page.get_by_text("er trukket tilbake", exact=False).wait_for()
    page.get_by_text("Du har ingen nøkler.").wait_for()
    assert ApiToken.objects.get(user=user).revoked_at is not None
