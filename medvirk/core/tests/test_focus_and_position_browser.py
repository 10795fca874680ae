"""Keyboard focus and "use my position" in a real browser (WCAG 2.1 A/AA, issue 19):
after a failed submit focus lands on the error summary, every link and button shows
Designsystemet's focus ring, and the district finder fills latitude and longitude from
the browser's geolocation, explaining when the person refuses to share it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from medvirk.places import selectors
from medvirk.places.demo import load_demo
from medvirk.places.models import Municipality
from medvirk.testing.browser import new_browser_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Bragernes torg, in the centre of Drammen.
DRAMMEN = {"latitude": 59.7439, "longitude": 10.2045}

ACTIVE_IS_SUMMARY = (
    "() => !!document.activeElement && document.activeElement.matches('[data-error-summary]')"
)
FOCUSED_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName,
    html: el instanceof HTMLElement,
    header: !!el.closest('.site-header'),
    outlineStyle: style.outlineStyle,
    outlineWidth: style.outlineWidth,
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
    text: (el.textContent || '').trim().slice(0, 40),
  };
}"""


@pytest.fixture
def demo(live_server: Any) -> str:
    load_demo(log=lambda _text: None)
    return str(live_server.url)


@pytest.fixture
def geo_context(browser: Any) -> Iterator[Any]:
    context = new_browser_context(browser)
    yield context
    context.close()


def test_focus_moves_to_error_summary_on_load_and_after_htmx_swap(
    demo: str, page: Any, assert_accessible: Any
) -> None:
    """A full page with errors and an HTMX answer with errors both put focus on the
    summary, a region named by its heading."""
    page.goto(demo + "/konto/registrer/")
    page.get_by_label("Navn").fill("Lise Andersen")
    page.get_by_label("E-postadresse").fill("lise@eksempel.no")
    page.get_by_label("Passord", exact=True).fill("et-langt-passord-2026")
    page.get_by_label("Passord en gang til").fill("noe-helt-annet-2026")
    page.get_by_role("button", name="Opprett konto").press("Enter")
    page.wait_for_function(ACTIVE_IS_SUMMARY)
    summary = page.locator("[data-error-summary]")
    assert summary.get_attribute("tabindex") == "-1"
    heading_id = summary.get_attribute("aria-labelledby")
    assert page.locator(f"#{heading_id}").inner_text() == "Sjekk skjemaet"
    style = page.evaluate(FOCUSED_STYLE)
    assert style["outlineStyle"] != "none" or style["boxShadow"] != "none", style
    assert_accessible(page)

    page.goto(demo + "/drammen/finn/")
    page.get_by_label("Postnummer").fill("0150")
    page.get_by_role("button", name="Finn min kommunedel").click()
    page.locator("#find-result").get_by_text(
        "Postnummer 0150 ligger ikke i Drammen."
    ).first.wait_for()
    page.wait_for_function(ACTIVE_IS_SUMMARY)
    assert_accessible(page)


def test_links_and_buttons_show_the_focus_ring(demo: str, page: Any) -> None:
    """Tabbing through the page, every focused HTML element shows an outline or a ring;
    in the blue header the outline is white."""
    page.goto(demo + "/drammen/finn/")
    seen: list[dict[str, Any]] = []
    for _ in range(30):
        page.keyboard.press("Tab")
        style = page.evaluate(FOCUSED_STYLE)
        if not style["html"] or style["tag"] == "BODY":
            continue
        seen.append(style)
        assert style["outlineStyle"] != "none" and style["outlineWidth"] != "0px", style
        assert style["boxShadow"] != "none", style
        if style["header"]:
            assert style["outlineColor"] == "rgb(255, 255, 255)", style
    tags = {style["tag"] for style in seen}
    assert {"A", "BUTTON", "INPUT", "SUMMARY"} <= tags, seen
    assert any(s["tag"] == "A" and not s["header"] for s in seen), seen
    assert any(s["tag"] == "BUTTON" and s["header"] for s in seen), seen


def test_use_my_position_fills_the_point_and_finds_the_district(
    demo: str, geo_context: Any, assert_accessible: Any
) -> None:
    """With permission, the button fills latitude and longitude and the search names the
    district that holds the point."""
    drammen = Municipality.objects.get(slug="drammen")
    expected = selectors.district_find_by_point(municipality=drammen, **DRAMMEN)
    assert expected is not None
    geo_context.grant_permissions(["geolocation"], origin=demo)
    geo_context.set_geolocation(DRAMMEN)
    page = geo_context.new_page()
    page.set_default_timeout(15000)
    page.goto(demo + "/drammen/finn/")
    page.get_by_label("Postnummer").fill("3015")  # the position wins over a typed code
    button = page.get_by_role("button", name="Bruk posisjonen min")
    assert button.is_visible()
    button.click()
    page.locator("#find-result").get_by_text(f"Det punktet ligger i {expected.name}.").wait_for()
    assert float(page.get_by_label("Breddegrad").input_value()) == pytest.approx(59.7439)
    assert float(page.get_by_label("Lengdegrad").input_value()) == pytest.approx(10.2045)
    assert page.get_by_label("Postnummer").input_value() == ""
    assert_accessible(page)


def test_refused_position_is_explained_and_the_typed_form_stays(
    demo: str, geo_context: Any, assert_accessible: Any
) -> None:
    """Without permission the live region says so; the fields stay empty for typing."""
    geo_context.clear_permissions()
    page = geo_context.new_page()
    page.set_default_timeout(15000)
    page.goto(demo + "/drammen/")
    page.get_by_role("button", name="Bruk posisjonen min").click()
    status = page.locator("#find-position-status")
    status.get_by_text(
        "Du ga ikke nettleseren lov til å dele posisjonen din.", exact=False
    ).wait_for()
    assert status.get_attribute("aria-live") == "polite"
    assert page.get_by_label("Breddegrad").input_value() == ""
    assert_accessible(page)
