"""The "done when" flow in a real browser, with axe on every page: a coordinator runs one
committee meeting end to end (plan with a room booking, agenda with a document,
registrations, attendance, minutes through approval to publishing); a resident follows
it on the district page and in the calendar feed; the central overview shows all 10
districts."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from medvirk.accounts.demo import DEMO_PASSWORD
from medvirk.accounts.demo import load_demo as load_people
from medvirk.budgets.demo import load_demo as load_budgets
from medvirk.localdemocracy.demo import load_demo as load_democracy
from medvirk.localdemocracy.models import Meeting, MinutesStatus, RegistrationStatus
from medvirk.places.demo import load_demo as load_places
from medvirk.testing.browser import new_browser_context
from medvirk.testing.tasks import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any, settings: Any, tmp_path: Any) -> str:
    settings.MEDIA_ROOT = tmp_path / "media"
    quiet = lambda _text: None  # noqa: E731
    load_places(log=quiet)
    load_people(log=quiet)
    load_democracy(log=quiet)
    load_budgets(log=quiet)
    return str(live_server.url)


def _log_in(page: Any, base: str, email: str) -> None:
    page.goto(base + "/konto/logg-inn/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def _next_thursday() -> str:
    day = timezone.localdate() + timedelta(days=14)
    day += timedelta(days=(3 - day.weekday()) % 7)
    return day.isoformat()


def test_coordinator_runs_a_meeting_and_a_resident_follows_it(
    demo: str, browser: Any, page: Any, assert_accessible: Any, tmp_path: Any
) -> None:
    """Plan, agenda, registration, attendance, minutes, publish; followed by a resident."""
    base = demo
    district = f"{base}/drammen/konnerud"
    _log_in(page, base, "koordinator.konnerud@medvirk.example")

    page.goto(district + "/naerutvalg/")
    assert_accessible(page)
    page.goto(district + "/moter/ny/")
    assert_accessible(page)
    page.locator("#id_kind").select_option("committee")
    page.locator("#id_title").fill("Ekstra nærutvalgsmøte om skoleveien")
    page.locator("#id_day").fill(_next_thursday())
    page.locator("#id_starts").fill("17:00")
    page.locator("#id_ends").fill("19:00")
    page.locator("#id_room").select_option(label="Konnerud bibliotek: Kjøkkenet")
    page.locator("#id_capacity").fill("1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/mote/\d+/gjennomfor/$"))
    meeting = Meeting.objects.get(title="Ekstra nærutvalgsmøte om skoleveien")
    assert meeting.booking is not None
    assert_accessible(page)

    document = tmp_path / "saksdokument.pdf"
    document.write_bytes(b"%PDF-1.4 demo")
    page.locator("#id_title").fill("Trygg skolevei")
    page.locator("#id_document").set_input_files(str(document))
    page.locator("form[action$='/sakliste/'] button").click()
    page.wait_for_url(re.compile(r"/gjennomfor/"))
    # The stored name is random; people see the item's title, and the link opens the PDF.
    link = page.get_by_role("link", name=re.compile("trygg-skolevei"))
    assert link.count() == 1
    opened = page.request.get(demo + str(link.get_attribute("href")))
    assert opened.status == 200
    assert opened.headers["content-type"] == "application/pdf"
    assert opened.body() == b"%PDF-1.4 demo"

    # A resident finds the meeting on the district page and registers.
    resident = new_browser_context(browser)
    visitor = resident.new_page()
    visitor.goto(district + "/")
    assert_accessible(visitor)
    visitor.get_by_role("link", name="Ekstra nærutvalgsmøte om skoleveien").first.click()
    visitor.wait_for_url(re.compile(r"/mote/\d+/$"))
    assert_accessible(visitor)
    visitor.locator("#id_name").fill("Lise Andersen")
    visitor.locator("#id_email").fill("lise@example.no")
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_load_state()
    assert meeting.registrations.get().status == RegistrationStatus.CONFIRMED
    run_queued_tasks()  # the task worker sends the confirmation
    assert any(meeting.registrations.get().token in m.body for m in mail.outbox)
    # The meeting is full now: the next person goes on the waiting list.
    visitor.locator("#id_name").fill("Per Persen")
    visitor.locator("#id_email").fill("per@example.no")
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_load_state()
    assert meeting.registrations.filter(status=RegistrationStatus.WAITING).count() == 1
    feed = visitor.request.get(district + "/kalender/")
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "Ekstra nærutvalgsmøte om skoleveien" in feed.text()

    # The coordinator moves the meeting an hour later; the room is rebooked and both
    # people who signed up are told.
    page.get_by_role("link", name="Endre tidspunkt, sted eller detaljer").click()
    page.get_by_role("heading", name="Endre møtet").wait_for()
    assert_accessible(page)
    page.locator("#id_starts").fill("18:00")
    page.locator("#id_ends").fill("20:00")
    page.get_by_role("button", name="Lagre endringene").click()
    page.get_by_text("Møtet er endret.").wait_for()
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.starts_at).hour == 18
    assert meeting.booking is not None and timezone.localtime(meeting.booking.starts_at).hour == 18
    run_queued_tasks()
    changed = [m for m in mail.outbox if m.subject.startswith("Endret:")]
    assert sorted(m.to[0] for m in changed) == ["lise@example.no", "per@example.no"]

    # The coordinator records attendance and takes the minutes through to publishing.
    page.reload()
    assert page.get_by_text("lise@example.no").is_visible()
    page.locator("form[action$='/oppmote/'] input[type=radio][value=present]").first.check()
    page.locator("form[action$='/oppmote/'] button").click()
    page.wait_for_load_state()
    assert meeting.attendance.count() == 1
    page.locator("#id_text").fill("Nærutvalget ber om fotgjengerfelt ved skolen.")
    page.locator("form[action$='/referat/'] button").click()
    page.wait_for_load_state()
    for action in ("send", "approve", "publish"):
        page.locator(f"form[action$='/referat/{action}/'] button").click()
        page.wait_for_load_state()
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.status == MinutesStatus.PUBLISHED
    assert_accessible(page)

    visitor.reload()
    assert visitor.get_by_text("Nærutvalget ber om fotgjengerfelt ved skolen.").is_visible()
    assert_accessible(visitor)
    # The resident cancels from the e-mailed link; the waiting person moves up.
    token = meeting.registrations.get(email="lise@example.no").token
    visitor.goto(f"{district}/mote/avmelding/{token}/")
    assert_accessible(visitor)
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_url(re.compile(r"/mote/\d+/$"))
    assert meeting.registrations.get(email="per@example.no").status == "confirmed"
    # ...and says they want to join the committee.
    visitor.goto(district + "/naerutvalg/bli-med/")
    assert_accessible(visitor)
    visitor.locator("input[name=kind][value=committee]").check()
    visitor.locator("#id_name").fill("Lise Andersen")
    visitor.locator("#id_email").fill("lise@example.no")
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_url(re.compile(r"/drammen/konnerud/$"))
    resident.close()

    # The coordinator's other pages: members, meetings, referrals with a statement.
    for path in ("/naerutvalg/medlemmer/", "/moter/", "/saker/"):
        page.goto(district + path)
        assert_accessible(page)
    page.locator("main table a").filter(has_text="Åpningstider").click()
    page.wait_for_url(re.compile(r"/saker/\d+/$"))
    assert_accessible(page)
    page.locator("#id_statement").fill("Nærutvalget anbefaler kveldsåpent to dager i uka.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_text("Nærutvalget anbefaler kveldsåpent").is_visible()

    # The central team sees all ten districts side by side.
    page.context.clear_cookies()
    _log_in(page, base, "admin@medvirk.example")
    page.goto(base + "/drammen/oversikt/")
    assert page.locator("table.overview-table tbody tr").count() == 10
    assert_accessible(page)
    page.goto(district + "/budsjett/")
    assert_accessible(page)
    page.goto(district + f"/budsjett/{timezone.localdate().year}/logg/")
    assert_accessible(page)
    page.goto(district + "/saker/ny/")
    assert_accessible(page)
