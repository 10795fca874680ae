"""The issue's "done when", in a real browser on the demo: a resident finds an offer and
signs up as a volunteer, a coordinator places them in a working group, an association
books a room (and a second booking of the same slot is refused), and the hub's occupancy
shows the booking. Every page passes axe's WCAG 2.1 A and AA checks."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from medvirk.accounts.demo import DEMO_PASSWORD
from medvirk.accounts.demo import load_demo as load_accounts
from medvirk.places.demo import load_demo as load_places
from medvirk.volunteering.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any) -> str:
    quiet = lambda _text: None  # noqa: E731
    load_places(log=quiet)
    load_accounts(log=quiet)
    load_demo(log=quiet)
    return str(live_server.url)


def log_in(page: Any, base: str, email: str) -> None:
    page.goto(base + "/konto/logg-inn/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


def log_out(page: Any) -> None:
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_load_state()


def test_resident_volunteers_coordinator_places_association_books_occupancy_shows(
    demo: str, page: Any, assert_accessible: Any
) -> None:
    """The whole flow of the issue, from the demo, in bokmål."""
    # A resident finds an offer near them.
    page.goto(demo + "/drammen/tilbud/")
    assert_accessible(page)
    page.locator("#id_kommunedel").select_option(label="Konnerud")
    page.locator("#id_tema").select_option(label="Mat og fellesskap")
    page.get_by_role("button", name="Vis tilbud").click()
    page.locator("#offer-results").get_by_text("1 tilbud").wait_for()
    page.get_by_role("link", name="Middag for menn Konnerud").click()
    page.wait_for_url(re.compile(r"/drammen/tilbud/middag-for-menn-konnerud/$"))
    assert_accessible(page)

    # ... and signs up as a volunteer; without consent the form explains and keeps input.
    log_in(page, demo, "innbygger@medvirk.example")
    page.goto(demo + "/drammen/tilbud/middag-for-menn-konnerud/")
    page.get_by_role("link", name="Bli frivillig").click()
    page.wait_for_url(re.compile(r"/drammen/frivillig/$"))
    page.get_by_label("Din kommunedel").select_option(label="Konnerud")
    page.get_by_label("Mat og fellesskap").check()
    page.get_by_label("Matlaging").check()
    page.get_by_label("Torsdag").check()
    page.get_by_label("Kveld (etter 17)").check()
    page.get_by_role("button", name="Meld meg som frivillig").click()
    page.get_by_text("Vi kan bare lagre svarene dine hvis du samtykker").first.wait_for()
    assert page.get_by_label("Torsdag").is_checked()
    assert_accessible(page)
    page.get_by_label("Jeg samtykker").check()
    page.get_by_role("button", name="Meld meg som frivillig").click()
    page.wait_for_url(re.compile(r"/drammen/frivillig/min-side/$"))
    assert_accessible(page)
    log_out(page)

    # A coordinator places them in a working group from the suggestions.
    log_in(page, demo, "koordinator.konnerud@medvirk.example")
    page.goto(demo + "/drammen/arbeidsgrupper/")
    assert_accessible(page)
    page.get_by_role("link", name="Mat og fellesskap Konnerud").click()
    page.get_by_role("button", name="Legg Lise Andersen til i gruppen").click()
    page.get_by_text("Lise Andersen er nå medlem av gruppen.").wait_for()
    members = page.locator("table").filter(has_text="Lise Andersen")
    assert members.get_by_role("link", name="innbygger@medvirk.example").is_visible()
    assert_accessible(page)
    log_out(page)

    # An association books a room.
    day = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday() + 3)
    hub = demo + "/drammen/konnerud/knutepunkt/konnerud-bibliotek/"
    log_in(page, demo, "forening.konnerud@medvirk.example")
    page.goto(hub + "booking/")
    assert_accessible(page)
    page.get_by_label("Rom", exact=True).select_option(label="Møterom 1 (opptil 16 personer)")
    page.get_by_label("Dato", exact=True).fill(day.isoformat())
    page.get_by_label("Fra", exact=True).fill("10:00")
    page.get_by_label("Til", exact=True).fill("12:00")
    page.get_by_label("Hva skal rommet brukes til?").fill("Planlegging av sommerfesten")
    page.get_by_label("På vegne av en forening").select_option(label="Konnerud velforening")
    page.get_by_role("button", name="Send bookingforespørsel").click()
    page.get_by_text("Forespørselen venter på at knutepunktet bekrefter den.").wait_for()
    assert_accessible(page)
    log_out(page)

    # The hub host confirms it.
    log_in(page, demo, "koordinator.konnerud@medvirk.example")
    page.goto(hub + "booking/foresporsler/")
    assert_accessible(page)
    card = page.locator("article").filter(has_text="Planlegging av sommerfesten")
    card.get_by_role("button", name="Bekreft").click()
    page.get_by_text("Bekreftet: Planlegging av sommerfesten.").wait_for()
    log_out(page)

    # A second booking of the same slot is refused, the input kept.
    log_in(page, demo, "innbygger@medvirk.example")
    page.goto(hub + "booking/")
    page.get_by_label("Rom", exact=True).select_option(label="Møterom 1 (opptil 16 personer)")
    page.get_by_label("Dato", exact=True).fill(day.isoformat())
    page.get_by_label("Fra", exact=True).fill("11:00")
    page.get_by_label("Til", exact=True).fill("13:00")
    page.get_by_label("Hva skal rommet brukes til?").fill("Bursdag")
    page.get_by_role("button", name="Send bookingforespørsel").click()
    page.get_by_text("Rommet er allerede booket på det tidspunktet.").first.wait_for()
    assert page.get_by_label("Hva skal rommet brukes til?").input_value() == "Bursdag"
    assert_accessible(page)

    # The hub's calendar shows the booking and its occupancy, also after an HTMX swap.
    page.goto(hub + f"kalender/?dato={day.isoformat()}")
    assert page.get_by_text("Planlegging av sommerfesten (Konnerud velforening)").is_visible()
    assert re.search(r"Belegg: \d+ %", page.locator("#occupancy").inner_text())
    assert_accessible(page)
    page.get_by_role("link", name="Vis måned").click()
    page.locator("#hub-calendar table").wait_for()
    assert_accessible(page)
    page.goto(demo + "/drammen/konnerud/")
    panel = page.locator(".volunteering-panel")
    assert panel.get_by_text("belegg på Konnerud bibliotek denne måneden").is_visible()
    assert_accessible(page)
