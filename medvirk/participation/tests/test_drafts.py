"""Staff write the draft that residents comment on, section by section, and the
questions of a survey, on pages of their own; residents and other staff cannot."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.participation.drafts import sections_from_text, text_from_sections
from medvirk.participation.models import InputKind, Question
from medvirk.participation.tests.factories import make_activity

DRAFT = """# 1. Formål
Nærutvalgene skal knytte politikerne og nærmiljøet sammen.

# 2. Sammensetning
Tolv medlemmer, fire av dem valgt.
"""


def test_sections_from_text_and_back() -> None:
    """Headings start sections; the text round-trips."""
    sections = sections_from_text(DRAFT)
    assert sections == [
        ("1. Formål", "Nærutvalgene skal knytte politikerne og nærmiljøet sammen."),
        ("2. Sammensetning", "Tolv medlemmer, fire av dem valgt."),
    ]
    assert sections_from_text(text_from_sections(sections)) == sections


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Ingen overskrift her.", "Line 1: start the draft with a heading"),
        ("# \nTekst", "Line 1: write the heading after the # sign."),
        ("# Tom del\n\n# Neste\nTekst", "The section “Tom del” has no text."),
        ("   ", "Write at least one section"),
    ],
)
def test_bad_drafts_are_explained(text: str, message: str) -> None:
    """Text before a heading, an empty heading, an empty section or no section at all
    is refused with the line or section named."""
    with translation.override("en"), pytest.raises(ValidationError) as error:
        sections_from_text(text)
    assert message in error.value.messages[0]


def _url(activity: Any, name: str) -> str:
    return reverse(f"participation:{name}", args=[activity.municipality.slug, activity.slug])


@pytest.mark.django_db
def test_case_officer_publishes_versions_of_the_draft(client: Any) -> None:
    """Each save publishes a new version with its sections; the form starts from the
    current one."""
    activity = make_activity(kind=InputKind.COMMENT)
    client.force_login(user_with_role(Role.CASE_OFFICER, municipality=activity.municipality))
    response = client.post(
        _url(activity, "draft"), {"title": "Veivalg", "change_note": "", "text": DRAFT}
    )
    assert response.status_code == 302
    client.post(
        _url(activity, "draft"),
        {"title": "Veivalg", "change_note": "Ny del 3", "text": DRAFT + "# 3. Møter\nFire i året."},
    )
    versions = list(activity.documents.order_by("version"))
    assert [d.version for d in versions][-2:] == [versions[-2].version, versions[-2].version + 1]
    assert versions[-1].sections.count() == 3
    form_text = client.get(_url(activity, "draft")).context["form"].initial["text"]
    assert "# 3. Møter" in form_text


@pytest.mark.django_db
def test_bad_draft_keeps_the_text(client: Any) -> None:
    """A draft without headings is refused with the reason, and the text stays."""
    activity = make_activity(kind=InputKind.COMMENT)
    client.force_login(user_with_role(Role.CASE_OFFICER, municipality=activity.municipality))
    before = activity.documents.count()
    response = client.post(
        _url(activity, "draft"),
        {"title": "Veivalg", "text": "Bare tekst"},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    content = response.content.decode()
    assert response.status_code == 200 and "Bare tekst" in content
    assert "Linje 1: begynn utkastet med en overskriftslinje som starter med #." in content
    assert activity.documents.count() == before


@pytest.mark.django_db
def test_questions_are_added_in_order(client: Any) -> None:
    """A choice question needs two choices; good questions are numbered in order."""
    activity = make_activity(kind=InputKind.SURVEY)
    client.force_login(user_with_role(Role.CASE_OFFICER, municipality=activity.municipality))
    before = Question.objects.filter(activity=activity).count()
    refused = client.post(
        _url(activity, "questions"), {"kind": "single", "text": "Hvor bor du?", "choices": "Nord"}
    )
    assert refused.status_code == 200
    assert Question.objects.filter(activity=activity).count() == before
    client.post(
        _url(activity, "questions"),
        {"kind": "single", "text": "Hvor bor du?", "choices": "Nord\nSør\n", "required": "on"},
    )
    question = Question.objects.filter(activity=activity).order_by("-number").first()
    assert question is not None
    assert (question.text, question.choices, question.required) == (
        "Hvor bor du?",
        ["Nord", "Sør"],
        True,
    )
    assert question.number == before + 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["resident", "other_municipality"])
def test_only_staff_of_the_activity_may(client: Any, who: str) -> None:
    """Residents and staff of another municipality are refused both pages."""
    activity = make_activity(kind=InputKind.COMMENT)
    if who == "resident":
        user = UserFactory()
    else:
        other = make_activity(kind=InputKind.IDEA)
        user = user_with_role(Role.CASE_OFFICER, municipality=other.municipality)
    client.force_login(user)
    assert client.get(_url(activity, "draft")).status_code == 403
    assert (
        client.post(_url(activity, "questions"), {"kind": "text", "text": "?"}).status_code == 403
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_draft_and_questions_pages_in_the_browser(
    live_server: Any, page: Any, assert_accessible: Any
) -> None:
    """A case officer publishes a draft and adds a survey question; both pages pass axe."""
    from medvirk.accounts.tests.factories import PASSWORD

    hearing = make_activity(kind=InputKind.COMMENT)
    survey = make_activity(kind=InputKind.SURVEY, municipality=hearing.municipality)
    officer = user_with_role(Role.CASE_OFFICER, municipality=hearing.municipality)
    page.goto(live_server.url + "/konto/logg-inn/?next=" + _url(hearing, "draft"))
    page.get_by_label("E-postadresse").fill(officer.email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_label("Tittel på utkastet").wait_for()
    assert_accessible(page)
    page.get_by_label("Tittel på utkastet").fill("Veivalg for nærdemokratiet")
    page.get_by_label("Utkastet", exact=True).fill(DRAFT)
    page.get_by_role("button", name="Publiser denne versjonen").click()
    page.get_by_text("av utkastet er publisert.").wait_for()
    assert hearing.documents.order_by("-version").first().sections.count() == 2

    page.goto(live_server.url + _url(survey, "questions"))
    assert_accessible(page)
    page.get_by_label("Spørsmål", exact=True).fill("Hvor ofte bruker du knutepunktet?")
    page.get_by_role("button", name="Legg til spørsmålet").click()
    page.get_by_text("Spørsmålet er lagt til.").wait_for()
    assert Question.objects.filter(activity=survey, text__startswith="Hvor ofte").exists()
