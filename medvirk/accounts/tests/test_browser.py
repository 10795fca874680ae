"""A resident creates an account, logs out and logs in again in a real browser; the
forms explain mistakes in plain language and pass axe's WCAG 2.1 A and AA checks."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from medvirk.accounts.models import User
from medvirk.accounts.tests.factories import PASSWORD
from medvirk.participation.tests.factories import make_activity, make_input
from medvirk.testing.tasks import run_queued_tasks

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
    page.get_by_text("Velkommen! Kontoen din er opprettet.", exact=False).wait_for()
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
    page.get_by_role("link", name="Min side").wait_for()


def _link_in_last_mail(path_part: str) -> str:
    """The link in the last e-mail sent by the worker whose path contains ``path_part``."""
    run_queued_tasks()
    links = re.findall(r"https?://\S+", mail.outbox[-1].body)
    found = [link for link in links if path_part in link]
    assert len(found) == 1, mail.outbox[-1].body
    return found[0]


def test_resident_confirms_e_mail_resets_password_exports_and_deletes(
    live_server: Any, page: Any, assert_accessible: Any
) -> None:
    """A resident's whole account life in the browser: register, confirm the address
    from the e-mail, forget the password and set a new one from the e-mail, read and
    download their data, and delete the account, which keeps their input anonymised."""
    page.goto(live_server.url + "/konto/registrer/")
    page.get_by_label("Navn").fill("Ola Nordmann")
    page.get_by_label("E-postadresse").fill("ola@eksempel.no")
    page.get_by_label("Passord", exact=True).fill(PASSWORD)
    page.get_by_label("Passord en gang til").fill(PASSWORD)
    page.get_by_role("button", name="Opprett konto").click()
    page.get_by_text("E-postadressen din ola@eksempel.no er ikke bekreftet ennå.").wait_for()
    assert_accessible(page)

    page.goto(_link_in_last_mail("/konto/bekreft-epost/"))
    page.get_by_text("Takk! ola@eksempel.no er bekreftet.").wait_for()
    assert User.objects.get(email="ola@eksempel.no").email_verified_at is not None
    assert_accessible(page)

    page.get_by_role("button", name="Logg ut").click()
    page.goto(live_server.url + "/konto/logg-inn/")
    page.get_by_role("link", name="Glemt passordet?").click()
    assert_accessible(page)
    page.get_by_label("E-postadresse").fill("ola@eksempel.no")
    page.get_by_role("button", name="Send lenke").click()
    page.get_by_role("heading", name="Se i e-posten din").wait_for()
    page.goto(_link_in_last_mail("/konto/nytt-passord/"))
    page.get_by_role("heading", name="Velg nytt passord").wait_for()
    assert_accessible(page)
    page.get_by_label("Nytt passord", exact=True).fill("et-nytt-passord-2027")
    page.get_by_label("Bekreft nytt passord").fill("et-nytt-passord-2027")
    page.get_by_role("button", name="Lagre det nye passordet").click()
    page.get_by_role("heading", name="Passordet ditt er byttet").wait_for()
    page.get_by_role("link", name="Logg inn").last.click()
    page.get_by_label("E-postadresse").fill("ola@eksempel.no")
    page.get_by_label("Passord").fill("et-nytt-passord-2027")
    page.get_by_role("button", name="Logg inn").click()

    page.get_by_role("link", name="Min side").click()
    assert_accessible(page)
    item = make_input(make_activity(), user=User.objects.get(email="ola@eksempel.no"))
    page.get_by_role("link", name="Mine data").first.click()
    page.get_by_role("heading", name="Mine data").wait_for()
    assert "ola@eksempel.no" in page.content()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned som fil (JSON)").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert "ola@eksempel.no" in json.dumps(exported)

    page.goto(live_server.url + "/konto/slett-konto/")
    assert_accessible(page)
    page.get_by_role("button", name="Slett kontoen min").click()
    page.locator(".ds-alert[data-color=danger]").wait_for()  # password and consent needed
    page.get_by_label("Passordet ditt").fill("et-nytt-passord-2027")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Slett kontoen min").click()
    page.get_by_role("heading", name="Kontoen din er slettet").wait_for()
    assert_accessible(page)
    assert not User.objects.filter(email="ola@eksempel.no").exists()
    item.refresh_from_db()  # the input stays, without its author
    assert item.author_id is None
    page.get_by_role("link", name="Logg inn").first.wait_for()
