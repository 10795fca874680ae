"""In a real browser: a case officer starts an activity for verified residents of one
district aged 16 or older, and verifies a resident in person (after a mistyped national
identity number is explained); the activity lets that resident in and tells the others
why not and how to become verified. Every page passes axe's WCAG 2.1 A and AA checks."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from medvirk.accounts.models import IdentityDocument, ResidentVerification, Role
from medvirk.accounts.residents import resident_verify_in_person
from medvirk.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from medvirk.accounts.tests.national_ids import national_id_for
from medvirk.participation.models import Activity, Input, Method
from medvirk.participation.services import methods_seed
from medvirk.places.tests.factories import DistrictFactory
from medvirk.testing.browser import new_browser_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


def _login(page: Any, base: str, email: str) -> None:
    page.goto(base + "/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


def _as(browser: Any, base: str, email: str) -> Any:
    """A new page in a browser context of its own, logged in as ``email``."""
    page = new_browser_context(browser).new_page()
    page.set_default_timeout(15000)
    _login(page, base, email)
    return page


def test_staff_verifies_and_the_activity_lets_the_right_people_in(
    live_server: Any, page: Any, browser: Any, assert_accessible: Any
) -> None:
    base = str(live_server.url)
    if not Method.objects.filter(slug="ideinnsamling").exists():
        methods_seed()
    home = DistrictFactory(name="Fjell")
    other = DistrictFactory(municipality=home.municipality, name="Strømsø")
    municipality = home.municipality
    officer = user_with_role(Role.CASE_OFFICER, municipality=municipality)
    ida = UserFactory(email="ida@eksempel.no", full_name="Ida Berg")
    tor = UserFactory(email="tor@eksempel.no", full_name="Tor Lie")
    siv = UserFactory(email="siv@eksempel.no", full_name="Siv Moe")
    for person, district, born in ((tor, home, _years_ago(14)), (siv, other, _years_ago(40))):
        resident_verify_in_person(
            actor=officer,
            user=person,
            municipality=municipality,
            district=district,
            birth_date=born,
            document_type=IdentityDocument.PASSPORT,
        )

    # The case officer starts the activity from the toolbox: verified residents of
    # Fjell, 16 or older.
    _login(page, base, officer.email)
    page.goto(f"{base}/{municipality.slug}/verktoykasse/ideinnsamling/start/")
    page.get_by_label("Tittel").fill("Ny ungdomsklubb")
    page.get_by_label("Adressenavn").fill("ungdomsklubb")
    page.locator("#id_summary").fill("Hva skal klubben ha?")
    page.get_by_label("Kommunedel").select_option(label="Fjell")
    page.get_by_label("Ansvarlig").fill("Kultur")
    page.get_by_label("Hvem kan delta").select_option(label="Bekreftede innbyggere")
    page.get_by_label("Bekreftede innbyggere som bor").select_option(
        label="I aktivitetens kommunedel"
    )
    page.get_by_label("Aldersgrense").fill("16")
    today = timezone.localdate()
    page.get_by_label("Åpen for innspill fra").fill(today.isoformat())
    page.get_by_label("Åpen for innspill til").fill(
        (today + datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_role("button", name="Opprett aktiviteten").click()
    page.wait_for_url(re.compile(r"/aktivitet/ungdomsklubb/"))
    activity = Activity.objects.get(slug="ungdomsklubb")
    assert (activity.participation_rule, activity.residency, activity.minimum_age) == (
        "verified",
        "district",
        16,
    )
    activity_url = page.url
    page.get_by_text("Åpen for bekreftede innbyggere i Fjell som er 16 år eller eldre.").wait_for()

    # Ida, not verified yet, is told how to become verified instead of being refused
    # silently.
    ida_page = _as(browser, base, ida.email)
    ida_page.goto(activity_url)
    ida_page.get_by_text("du er ikke bekreftet ennå").wait_for()
    ida_page.get_by_role("heading", name="Slik blir du bekreftet innbygger").wait_for()
    ida_page.get_by_text("servicetorg med legitimasjon med bilde").wait_for()
    assert ida_page.get_by_role("button", name="Send innspill").count() == 0
    assert_accessible(ida_page)

    # Ida shows her passport at the hub: the case officer finds her by e-mail address
    # and verifies her; a mistyped number is explained and the rest is kept.
    page.goto(f"{base}/konto/kommune/{municipality.slug}/bekreft-innbygger/")
    assert_accessible(page)
    page.get_by_label("Personens e-postadresse").fill("ida@eksempel.no")
    page.get_by_role("button", name="Finn").click()
    page.get_by_role("heading", name=re.compile("Ida Berg")).wait_for()
    born = _years_ago(17)
    number = national_id_for(born)
    page.get_by_label("Fødselsdato").fill(born.isoformat())
    page.get_by_label("Legitimasjon du sjekket").select_option(label="Pass")
    page.get_by_label("Kommunedel der personen bor").select_option(label="Fjell")
    page.get_by_label("Fødselsnummer").fill(number[:-1] + str((int(number[-1]) + 1) % 10))
    page.get_by_role("button", name="Bekreft som innbygger").click()
    page.get_by_text("de to siste sifrene stemmer ikke").first.wait_for()
    assert page.get_by_label("Fødselsdato").input_value() == born.isoformat()
    assert_accessible(page)
    page.get_by_label("Fødselsnummer").fill(number)
    page.get_by_role("button", name="Bekreft som innbygger").click()
    page.get_by_text("Ida Berg er nå bekreftet innbygger i Fjell.").wait_for()
    assert_accessible(page)
    verification = ResidentVerification.objects.get(user=ida, revoked_at__isnull=True)
    assert (verification.verified_by, verification.document_type) == (officer, "passport")
    assert verification.birth_date == born

    # Now Ida can give input.
    ida_page.goto(activity_url)
    ida_page.get_by_label("Tittel").fill("Klatrevegg")
    ida_page.get_by_label("Beskriv idéen din").fill("En klatrevegg i gymsalen.")
    ida_page.get_by_role("button", name="Send innspill").click()
    ida_page.get_by_text(re.compile("Takk! Innspillet ditt er mottatt")).wait_for()
    assert Input.objects.filter(activity=activity, author=ida).exists()

    # Tor is 14, Siv lives in another district: each is told why not.
    tor_page = _as(browser, base, tor.email)
    tor_page.goto(activity_url)
    tor_page.get_by_text("Du må være minst 16 år for å delta i denne aktiviteten.").wait_for()
    assert tor_page.get_by_role("button", name="Send innspill").count() == 0
    assert_accessible(tor_page)
    siv_page = _as(browser, base, siv.email)
    siv_page.goto(activity_url)
    siv_page.get_by_text("Bare innbyggere i Fjell kan delta").wait_for()
    assert siv_page.get_by_role("button", name="Send innspill").count() == 0
    for extra in (ida_page, tor_page, siv_page):
        extra.context.close()
