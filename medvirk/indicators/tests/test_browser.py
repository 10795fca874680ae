"""The "done when" flow in a real browser: from the demo, an analyst sees Drammen's
fiscal-rule verdicts, compares an indicator with its KOSTRA group and the country, gets
a peer-finder answer with reasons and an experience entry, and imports the SSB sample
with a progress bar. Every page passes axe's WCAG 2.1 A and AA checks."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.indicators.demo import SAMPLE_FILE
from medvirk.indicators.demo import load_demo as load_indicators
from medvirk.places.demo import load_demo as load_places
from medvirk.places.models import Municipality
from medvirk.testing.tasks import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any) -> str:
    load_places(log=lambda _text: None)
    load_indicators(log=lambda _text: None)
    return str(live_server.url)


def test_analyst_flow_from_fiscal_rules_to_import(
    demo: str, page: Any, assert_accessible: Any
) -> None:
    """Fiscal rules with verdicts → an indicator beside EKG12 and the country → the
    peer finder with reasons → an experience entry → (as an administrator) the rule and
    experience forms, and an import with a progress bar."""
    page.goto(demo + "/drammen/")
    page.get_by_role("link", name="Nøkkeltall", exact=True).first.click()
    page.wait_for_url(re.compile(r"/drammen/indikatorer/$"))
    assert_accessible(page)

    page.get_by_role("link", name="Finansielle måltall").first.click()
    page.wait_for_url(re.compile(r"/handlingsregler/$"))
    assert page.get_by_text("Nesten innfridd").first.is_visible()
    assert page.get_by_text("Ikke innfridd").first.is_visible()
    assert page.get_by_text("Det finnes ingen ekte tall for dette måltallet").first.is_visible()
    assert_accessible(page)

    page.goto(demo + "/drammen/indikatorer/vis/NDR_PCT_DERIVED/")
    table = page.get_by_role("table")
    assert table.get_by_role("columnheader", name="KOSTRA-gruppe 12").is_visible()
    assert table.get_by_role("columnheader", name="Landet (alle kommuner)").is_visible()
    assert table.get_by_role("cell", name="3,59").is_visible()
    assert page.locator("svg.indicator-chart polyline").count() == 3
    assert_accessible(page)

    page.get_by_role("link", name="Lær av andre").first.click()
    page.get_by_role("button", name="Finn kommuner å lære av").click()
    page.get_by_role("heading", name="Kommuner å lære av").wait_for()
    first = page.locator("article.peer-card").first
    assert first.get_by_text("Gjør det bedre på netto driftsresultat").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Dette virket").first.click()
    page.get_by_label("Søk").fill("frivillighet")
    page.get_by_role("button", name="Søk").click()
    page.get_by_role("link", name="Næringsliv og frivillighet løfter dem som står utenfor").click()
    page.get_by_role("heading", name="Utfordringen").wait_for()
    assert page.get_by_text("Dette er demotekst").is_visible()
    assert_accessible(page)

    admin = user_with_role(
        Role.MUNICIPALITY_ADMIN, municipality=Municipality.objects.get(number="3301")
    )
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": demo}]
    )
    page.goto(demo + "/drammen/indikatorer/handlingsregler/")
    assert page.get_by_role("heading", name="Legg til eller endre et måltall").is_visible()
    assert_accessible(page)
    page.goto(demo + "/drammen/erfaringer/ny/")
    assert_accessible(page)
    page.goto(demo + "/drammen/indikatorer/import/")
    assert_accessible(page)
    page.get_by_label("Format").select_option("jsonstat")
    page.get_by_label("Fil", exact=True).set_input_files(str(SAMPLE_FILE))
    page.get_by_role("button", name="Start importen").click()
    page.wait_for_url(re.compile(r"/import/\d+/$"))
    assert page.locator("progress").count() == 1
    run_queued_tasks()  # the task worker takes the queued import
    page.get_by_text("0 observasjoner opprettet og 1250 oppdatert.").wait_for(timeout=60000)
    assert page.locator("progress").get_attribute("value") == "100"
    assert_accessible(page)
