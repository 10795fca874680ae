"""The accessibility statement (tilgjengelighetserklæring) is public, in bokmål, nynorsk
and English, linked from the footer of every page, and holds what Uutilsynet asks of one:
the requirements (WCAG 2.1 A and AA), how far the site meets them, the known deviations
and why, how it is tested, how to give feedback and how soon it is answered, how to
complain, and the dates the statement was made and last reviewed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from medvirk.core.feedback import ANSWER_DAYS
from medvirk.places.models import RESERVED_SLUGS
from medvirk.places.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_statement_lives_at_tilgjengelighet() -> None:
    assert reverse("core:accessibility") == "/tilgjengelighet/"
    assert "tilgjengelighet" in RESERVED_SLUGS


@pytest.mark.parametrize(
    ("language", "heading", "deviations", "complaint", "reviewed"),
    [
        (
            "nb",
            "Tilgjengelighetserklæring",
            "Hva som ikke virker ennå, og hvorfor",
            "Hvis du vil klage",
            "Sist gjennomgått",
        ),
        (
            "nn",
            "Tilgjengelegheitserklæring",
            "Kva som ikkje verkar enno, og kvifor",
            "Om du vil klage",
            "Sist gjennomgått",
        ),
        (
            "en",
            "Accessibility statement",
            "What does not work yet, and why",
            "If you want to complain",
            "Last reviewed",
        ),
    ],
)
def test_statement_renders_in_each_language(
    client: Client,
    language: str,
    heading: str,
    deviations: str,
    complaint: str,
    reviewed: str,
) -> None:
    response = client.get(reverse("core:accessibility"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'lang="{language}"' in content
    assert f'<h1 class="ds-heading" data-size="lg">{heading}</h1>' in content
    assert deviations in content
    assert complaint in content
    assert reviewed in content


def test_statement_holds_what_uutilsynet_asks_for(client: Client) -> None:
    content = client.get(reverse("core:accessibility"), HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    # The requirement and the status.
    assert "WCAG 2.1 på nivå A og AA" in content
    assert "oppfyller dem delvis" in content
    # The known deviations, each with its success criterion and the reason.
    for criterion in ("1.4.10", "1.3.1", "1.4.4"):
        assert f"WCAG {criterion}" in content
    assert "320 piksler" in content
    assert "PDF/UA" in content
    assert "Aksetekstene" in content
    # Feedback with its answer time, and where to complain.
    assert reverse("core:accessibility-feedback") in content
    assert f"svar innen {ANSWER_DAYS} dager" in content
    assert "Uutilsynet" in content
    assert 'href="https://www.uutilsynet.no/"' in content
    assert "Diskrimineringsnemnda" in content
    # The dates.
    assert '<time datetime="2026-12-07">' in content


def test_statement_carries_the_municipality_to_the_feedback_form(client: Client) -> None:
    """Arriving from a municipality's pages, the feedback link names that municipality."""
    municipality = MunicipalityFactory(name="Drammen", slug="drammen")
    content = client.get(
        reverse("core:accessibility") + "?kommune=drammen", HTTP_ACCEPT_LANGUAGE="nb"
    ).content.decode()
    assert f'href="{reverse("core:accessibility-feedback")}?kommune={municipality.slug}"' in content
    assert "Meld fra om et tilgjengelighetsproblem til Drammen" in content


def test_unknown_municipality_in_the_address_is_ignored(client: Client) -> None:
    response = client.get(reverse("core:accessibility") + "?kommune=finnes-ikke")
    assert response.status_code == 200
    assert "?kommune=" not in response.content.decode().split('id="feedback-heading"')[1]


@pytest.mark.parametrize("address", ["/", "/personvern/", "/finnes-ikke/heller-ikke/"])
def test_footer_of_every_page_links_to_the_statement(client: Client, address: str) -> None:
    content = client.get(address, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    footer = content.split('<footer class="site-footer">')[1]
    assert f'href="{reverse("core:accessibility")}"' in footer
    assert "Tilgjengelighetserklæring" in footer


def test_footer_on_a_municipality_page_names_the_municipality(client: Client) -> None:
    municipality = MunicipalityFactory(slug="drammen")
    content = client.get(f"/{municipality.slug}/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    footer = content.split('<footer class="site-footer">')[1]
    assert f'href="{reverse("core:accessibility")}?kommune=drammen"' in footer


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_statement_at_phone_and_desktop_width_is_accessible(
    live_server: Any, browser: Any, assert_accessible: Any
) -> None:
    """The statement and the feedback form (with its errors shown) pass axe at 320 px
    and at 1280 px."""
    from medvirk.testing.browser import DESKTOP, PHONE, new_browser_context

    MunicipalityFactory(name="Drammen", slug="drammen")
    for viewport in (PHONE, DESKTOP):
        context = new_browser_context(browser, viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(15000)
        try:
            page.goto(live_server.url + reverse("core:accessibility") + "?kommune=drammen")
            assert_accessible(page)
            page.get_by_role(
                "link", name="Meld fra om et tilgjengelighetsproblem til Drammen"
            ).click()
            page.wait_for_load_state()
            assert_accessible(page)
            page.get_by_role("button", name="Send").click()
            page.wait_for_load_state()
            assert page.get_by_text("Beskriv problemet du møtte.").first.is_visible()
            assert_accessible(page)
        finally:
            context.close()
