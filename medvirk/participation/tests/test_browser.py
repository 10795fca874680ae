"""From the demo, in a real browser: a resident gives an idea, map input and a new
statement, answers a statement, supports and reports ideas; a moderator handles the
report; a case officer answers a batch and publishes the report; the contributor gets
the answer by e-mail and finds it on the published report. Every page passes axe."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core import mail
from PIL import Image

from medvirk.participation import demo as participation_demo
from medvirk.participation.models import Input, Visibility
from medvirk.testing.browser import load_demo, login
from medvirk.testing.tasks import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any, settings: Any, tmp_path: Any) -> str:
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo stores a photo
    load_demo(
        "medvirk.places.demo",
        "medvirk.accounts.demo",
        "medvirk.participation.demo",
        "medvirk.followup.demo",
    )
    return str(live_server.url)


def test_done_when_flow(demo: str, page: Any, assert_accessible: Any) -> None:
    """The whole loop, from input to the published report, with axe on every page."""
    base = demo
    ideas = f"{base}/drammen/aktivitet/{participation_demo.IDEAS}/"

    # A resident finds open activities and gives an idea, with HTML kept as text.
    page.goto(base + "/drammen/aktiviteter/?open=on")
    assert_accessible(page)
    page.get_by_role("link", name="Hva skal skje på Fjell bydelshus?").click()
    page.wait_for_url(re.compile(participation_demo.IDEAS))
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Sjakk-klubb <b>for alle</b>")
    page.get_by_role("button", name="Send innspill").click()
    page.get_by_text("Skriv innspillet ditt.").first.wait_for()
    assert page.get_by_label("Tittel").input_value() == "Sjakk-klubb <b>for alle</b>"
    assert_accessible(page)
    page.get_by_label("Beskriv idéen din").fill("Sjakk for barn og voksne hver torsdag.")
    page.get_by_label("E-post").fill("lise@eksempel.no")
    page.get_by_role("button", name="Send innspill").click()
    page.get_by_text("Takk! Innspillet ditt er mottatt.").wait_for()
    assert_accessible(page)
    private_url = page.url
    mine = Input.objects.get(title="Sjakk-klubb <b>for alle</b>")

    # The resident supports another idea and reports one that looks like an advert.
    page.goto(ideas)
    other = (
        Input.objects.filter(activity__slug=participation_demo.IDEAS)
        .exclude(pk=mine.pk)
        .order_by("-created_at")
        .first()
    )
    assert other is not None
    page.goto(f"{ideas}innspill/{other.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Støtt denne idéen").click()
    page.get_by_text("Takk for støtten.").wait_for()
    page.get_by_text("Rapporter dette innspillet").click()
    page.get_by_label("Hva er galt med dette innspillet?").fill("Dette er reklame.")
    page.get_by_role("button", name="Send til moderatorene").click()
    page.get_by_text("Takk. En moderator vil se på innspillet.").wait_for()

    # Map input: a click on the map fills the coordinates.
    page.goto(f"{base}/drammen/aktivitet/{participation_demo.MAP}/")
    assert_accessible(page)
    box = page.locator(".input-map__svg").bounding_box()
    page.locator(".input-map__svg").click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    assert page.get_by_label("Breddegrad").input_value() != ""
    page.get_by_label("Breddegrad").fill("59.75")
    page.get_by_label("Lengdegrad").fill("15.0")
    page.get_by_label("Hva er her?").fill("Farlig kryss ved skolen")
    page.get_by_role("button", name="Send innspill").click()
    page.get_by_text("Stedet ligger utenfor Drammen").first.wait_for()
    point = Input.objects.filter(activity__slug=participation_demo.MAP).first()
    assert point is not None
    page.get_by_label("Breddegrad").fill(str(point.latitude))
    page.get_by_label("Lengdegrad").fill(str(point.longitude))
    page.get_by_role("button", name="Send innspill").click()
    page.get_by_text("Takk! Innspillet ditt er mottatt.").wait_for()

    # Statements: answer one and add a new one (pre-moderated).
    page.goto(f"{base}/drammen/aktivitet/{participation_demo.STATEMENTS}/")
    assert_accessible(page)
    page.get_by_role("button", name="Enig").first.click()
    page.get_by_text("Svaret ditt er telt.").wait_for()
    page.get_by_label("En ny påstand").fill("Nærutvalget bør møtes på biblioteket.")
    page.get_by_role("button", name="Send innspill").click()
    page.get_by_text("blir publisert etter moderering").wait_for()

    # The hearing (reporting back) and the toolbox read well too.
    page.goto(f"{base}/drammen/aktivitet/{participation_demo.HEARING}/")
    assert page.get_by_text("Lokal koordinator").first.is_visible()
    assert_accessible(page)
    page.goto(f"{base}/drammen/verktoykasse/kartinnspill/")
    assert_accessible(page)

    # A moderator hides the reported idea with a public reason.
    login(page, base, "moderator@medvirk.example")
    page.goto(base + "/drammen/moderering/")
    assert_accessible(page)
    item = page.locator(f"#moderer-{other.pk}")
    item.get_by_label("Begrunnelse (vises offentlig ved skjuling)").fill("Reklame")
    item.get_by_role("button", name="Skjul").click()
    page.get_by_text("Modereringshandlingen er lagret.").wait_for()
    other.refresh_from_db()
    assert other.visibility == Visibility.HIDDEN
    page.get_by_role("button", name="Logg ut").click()

    # A case officer answers a batch, including the resident's idea, and publishes.
    login(page, base, "saksbehandler@medvirk.example")
    page.goto(ideas + "svar/")
    assert_accessible(page)
    page.locator(f"#velg-{mine.pk}").check()
    page.locator("input[name=inputs]").nth(1).check()
    page.get_by_label("Status").select_option("taken")
    page.get_by_label("Offentlig svar").fill("Vi starter sjakk-klubben i januar.")
    page.get_by_role("button", name="Svar på de valgte innspillene").click()
    page.get_by_text("innspill er besvart").wait_for()
    page.goto(ideas + "rapport/")
    page.get_by_label("Hva vi hørte").fill("Mange vil ha flere aktiviteter for alle aldre.")
    page.get_by_label("Hva vi gjorde").fill("Vi starter en sjakk-klubb.")
    page.get_by_label("Publiser rapporten og gi beskjed til innsenderne").check()
    page.get_by_role("button", name="Lagre rapporten").click()
    page.get_by_text("Rapporten er lagret.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Logg ut").click()

    # The contributor got the answer by e-mail and finds it on the published report.
    run_queued_tasks()  # the task worker sends the e-mail
    answered = [m for m in mail.outbox if m.to == ["lise@eksempel.no"]]
    assert answered and private_url.split("/innspill/")[1] in answered[0].body
    page.goto(private_url)
    page.get_by_text("Vi starter sjakk-klubben i januar.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Hva vi hørte og hva vi gjorde").click()
    page.get_by_role("heading", name="Hva vi hørte og hva vi gjorde").first.wait_for()
    assert page.get_by_text("Vi starter sjakk-klubben i januar.").first.is_visible()
    assert "<b>for alle</b>" in page.content().replace("&lt;", "<").replace("&gt;", ">")
    assert_accessible(page)


def test_demo_idea_photo_opens_in_the_browser(demo: str, page: Any, assert_accessible: Any) -> None:
    """The demo's newest idea carries a photo: its page links it, and the link opens a
    JPEG in the browser, shown in place, without the GPS position the phone put in."""
    item = Input.objects.filter(activity__slug=participation_demo.IDEAS).exclude(photo="").get()
    page.goto(f"{demo}/drammen/aktivitet/{participation_demo.IDEAS}/innspill/{item.pk}/")
    assert_accessible(page)
    href = page.get_by_role("link", name="Se bildet").get_attribute("href")
    assert href == item.photo_url
    response = page.goto(demo + href)
    assert response is not None and response.status == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["content-disposition"].startswith("inline")
    with Image.open(io.BytesIO(response.body())) as image:
        assert image.format == "JPEG" and not image.getexif()
