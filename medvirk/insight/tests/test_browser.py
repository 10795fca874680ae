"""From the demo, in a real browser: the public reads the hearing's published summary
and follows a theme to its inputs; a case officer analyses the hub survey (summarising),
follows the progress, renames, merges, moves inputs, splits a theme and publishes; the
public sees nothing before that, and the reviewed themes after. Every page passes axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from medvirk.insight import services
from medvirk.insight.models import Summary, SummaryStatus
from medvirk.participation import demo as participation_demo
from medvirk.testing.browser import load_demo, login, new_browser_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any) -> str:
    load_demo(
        "medvirk.places.demo",
        "medvirk.accounts.demo",
        "medvirk.participation.demo",
        "medvirk.followup.demo",
        "medvirk.insight.demo",
    )
    return str(live_server.url)


def test_case_officer_runs_reviews_and_publishes_a_summary(
    demo: str, page: Any, assert_accessible: Any, tmp_path: Any, started: list[int]
) -> None:
    base = demo
    hearing = f"{base}/drammen/aktivitet/{participation_demo.HEARING}/"
    survey = f"{base}/drammen/aktivitet/{participation_demo.SURVEY}/"

    # The public reads the hearing's reviewed summary in its report, theme by theme.
    page.goto(hearing + "rapport/")
    page.get_by_role("heading", name="Dette hørte vi, tema for tema").wait_for()
    assert page.locator(".theme-card").count() >= 3
    assert page.get_by_role("heading", name="Flere unge i nærutvalgene").count() == 1
    assert page.locator(".theme-quote").count() >= 3
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"Se alle \d+ innspillene i «Flere unge")).click()
    page.wait_for_url(re.compile(r"/rapport/tema/\d+/$"))
    page.get_by_role("heading", name="Flere unge i nærutvalgene").wait_for()
    assert page.locator(".input-item").count() >= 10
    assert_accessible(page)

    # The survey is summarising; nothing has been analysed, so nothing is shown.
    page.goto(survey)
    assert page.locator(".theme-card").count() == 0

    # A case officer starts the analysis from the activity page.
    login(page, base, "saksbehandler@medvirk.example")
    page.goto(survey)
    page.get_by_role("link", name="Analyser og oppsummer innspillene (for ansatte)").click()
    page.get_by_role("heading", name="Oppsummer innspillene", exact=True).wait_for()
    assert_accessible(page)
    page.get_by_label("Antall tema").fill("1")
    page.get_by_role("button", name="Start analysen").click()
    page.get_by_text("Verdien må være større enn eller lik 2.", exact=True).wait_for()
    page.get_by_label("Antall tema").fill("")
    page.get_by_role("button", name="Start analysen").click()
    page.get_by_text("Analysen har startet. Du kan fortsette å arbeide.").wait_for()
    # The job runs here rather than in the server's thread: SQLite's shared in-memory
    # test database refuses a second writer at once ("table is locked") where a database
    # file would wait. The progress bar polls until it is done, then the page reloads.
    page.locator("#analysis-progress progress").wait_for()
    services.analysis_run(analysis_id=started[-1])
    page.get_by_role("heading", name="Utkast til gjennomgang").wait_for(timeout=60_000)
    assert_accessible(page)
    page.screenshot(path=str(tmp_path / "draft.png"), full_page=True)
    cards = page.locator(".theme-card")
    count = cards.count()
    assert count >= 3

    # Rename the first theme.
    first = cards.nth(0)
    first.get_by_label("Nytt navn").fill("Gjennomgått tema")
    first.get_by_role("button", name="Gi nytt navn").click()
    page.get_by_text("Temaet har fått nytt navn.").wait_for()
    assert page.get_by_role("heading", name="Gjennomgått tema").count() == 1

    # Merge the last two themes.
    merged = page.locator(".theme-card h3").nth(count - 2).inner_text()
    for index in (count - 2, count - 1):
        page.locator(".theme-card").nth(index).locator("input[type=checkbox]").check()
    page.get_by_role("button", name="Slå sammen de valgte temaene").click()
    page.get_by_text("Temaene er slått sammen.").wait_for()
    assert page.locator(".theme-card").count() == count - 1

    # Open the renamed theme and move one input to a new theme.
    page.get_by_role("link", name="Åpne «Gjennomgått tema»: flytt innspill, velg sitater").click()
    page.get_by_role("heading", name="Gjennomgått tema").wait_for()
    assert_accessible(page)
    page.locator("input[name=inputs]").first.check()
    page.get_by_label("Flytt til").select_option(label="Et nytt tema")
    page.get_by_label("Navn på det nye temaet").fill("Annet om knutepunktet")
    page.get_by_role("button", name="Flytt de valgte innspillene").click()
    page.get_by_text(re.compile(r"1 innspill er flyttet til «Annet om knutepunktet»")).wait_for()
    page.get_by_role("link", name="Tilbake til alle tema").click()
    page.get_by_role("heading", name="Annet om knutepunktet").wait_for()

    # Split the merged theme in two again.
    before = page.locator(".theme-card").count()
    page.get_by_role("button", name=f"Del «{merged}» i to").click()
    page.get_by_text("Temaet er delt i 2.").wait_for()
    assert page.locator(".theme-card").count() == before + 1

    # Nothing is public before a person publishes.
    anonymous = Client()
    assert "Gjennomgått tema" not in anonymous.get(survey[len(base) :]).content.decode()
    assert Summary.objects.filter(status=SummaryStatus.PUBLISHED).count() == 1  # the hearing's

    page.get_by_role("button", name="Godkjenn og publiser").click()
    page.get_by_text("Bekreft at du har lest oppsummeringen.").wait_for()
    page.get_by_label(re.compile("Jeg har lest temaene og sitatene")).check()
    page.get_by_role("button", name="Godkjenn og publiser").click()
    page.get_by_text("Oppsummeringen er publisert på aktivitetssiden og i rapporten.").wait_for()
    assert_accessible(page)

    # The public now sees the reviewed themes on the activity page, and their inputs.
    public = new_browser_context(page.context.browser)
    reader = public.new_page()
    reader.goto(survey)
    reader.get_by_role("heading", name="Gjennomgått tema").wait_for()
    reader.get_by_role("heading", name="Annet om knutepunktet").wait_for()
    assert "for ansatte" not in reader.content()
    assert_accessible(reader)
    reader.screenshot(path=str(tmp_path / "public.png"), full_page=True)
    reader.get_by_role("link", name=re.compile(r"«Annet om knutepunktet»")).click()
    reader.wait_for_url(re.compile(r"/rapport/tema/\d+/$"))
    assert reader.locator(".input-item").count() == 1
    assert_accessible(reader)
    public.close()
