"""A resident finds their district in a real browser, in all three languages, and every
page they pass passes axe's WCAG 2.1 A and AA checks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from medvirk.places.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any) -> str:
    load_demo(log=lambda _text: None)
    return str(live_server.url)


def test_find_district_by_postcode_then_by_map_in_bokmaal(
    demo: str, page: Any, assert_accessible: Any
) -> None:
    """From the front page a resident opens Drammen, types a postcode, is told their
    district, then clicks another district on the map and lands on its page."""
    page.goto(demo + "/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert_accessible(page)
    page.get_by_role("link", name="Drammen").first.click()
    page.wait_for_url(re.compile(r"/drammen/$"))
    assert_accessible(page)

    page.get_by_label("Postnummer").fill("3015")
    page.get_by_role("button", name="Finn min kommunedel").click()
    result = page.locator("#find-result")
    result.get_by_text("Postnummer 3015 hører til Bragernes.").wait_for()
    assert_accessible(page)

    page.locator("svg a[aria-label='Konnerud']").click()
    page.wait_for_url(re.compile(r"/drammen/konnerud/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Konnerud"
    assert_accessible(page)

    page.get_by_role("link", name="Konnerud bibliotek", exact=True).click()
    page.wait_for_url(re.compile(r"/drammen/konnerud/knutepunkt/konnerud-bibliotek/$"))
    assert page.get_by_role("heading", name="Rom").is_visible()
    assert_accessible(page)


def test_wrong_postcode_keeps_input_and_explains(demo: str, page: Any) -> None:
    """A postcode outside the municipality gets a clear message, and the digits stay."""
    page.goto(demo + "/drammen/finn/?postnummer=0150")
    assert page.get_by_label("Postnummer").input_value() == "0150"
    assert page.get_by_text("Postnummer 0150 ligger ikke i Drammen.").first.is_visible()


@pytest.mark.parametrize(
    ("button", "lang", "heading", "find_button", "answer"),
    [
        (
            "Norsk (nynorsk)",
            "nn",
            "Finn kommunedelen din",
            "Finn kommunedelen min",
            "Postnummer 3050 høyrer til Mjøndalen.",
        ),
        (
            "English",
            "en",
            "Find your district",
            "Find my district",
            "Postcode 3050 belongs to Mjøndalen.",
        ),
    ],
)
def test_switch_language_and_find_district(
    demo: str,
    page: Any,
    assert_accessible: Any,
    button: str,
    lang: str,
    heading: str,
    find_button: str,
    answer: str,
) -> None:
    """The language switcher changes every text on the page, and the finder works in the
    chosen language."""
    page.goto(demo + "/drammen/")
    page.get_by_role("button", name=button).click()
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")
    assert page.get_by_role("heading", name=heading).is_visible()
    page.locator("#id_postnummer").fill("3050")
    page.get_by_role("button", name=find_button).click()
    page.locator("#find-result").get_by_text(answer).wait_for()
    assert_accessible(page)


def test_not_found_page_is_translated_and_in_layout(demo: str, page: Any) -> None:
    """An unknown district answers 404 with a page in the site's layout."""
    response = page.goto(demo + "/drammen/finnes-ikke/")
    assert response is not None and response.status == 404
    assert page.get_by_role("heading", name="Fant ikke siden").is_visible()
    assert page.get_by_role("link", name="Hopp til hovedinnholdet").count() == 1
