"""A resident reports an accessibility problem to a municipality, which is known from
where they came (``?kommune=``) or chosen. The report is stored for that municipality, its
administrators and participation team are told through the outbox (once the report is
stored), and the resident gets a receipt. Bad input gets a clear, translated error, a
form sent twice is stored once, anonymous senders are rate-limited, and the staff of
one municipality never see another's reports in the back office."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.core import feedback as service
from medvirk.core import selectors
from medvirk.core.models import AccessibilityFeedback, OutgoingMail
from medvirk.places.models import Municipality, WrittenForm
from medvirk.places.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

FORM_URL = "/tilgjengelighet/tilbakemelding/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def drammen() -> Municipality:
    return MunicipalityFactory(name="Drammen", slug="drammen", written_form=WrittenForm.BOKMAAL)


def _post(client: Client, **overrides: Any) -> Any:
    data = {
        "municipality": "drammen",
        "page": "Kartet på aktivitetssiden",
        "description": "Jeg kommer ikke til kartet med tastaturet.",
        "email": "kari@example.no",
        "submission_key": "a" * 32,
        "website": "",
    } | overrides
    return client.post(FORM_URL, data, HTTP_ACCEPT_LANGUAGE="nb")


def test_the_form_is_at_its_own_address() -> None:
    assert reverse("core:accessibility-feedback") == FORM_URL


def test_the_municipality_is_known_from_where_the_resident_came(
    client: Client, drammen: Municipality
) -> None:
    content = client.get(FORM_URL + "?kommune=drammen", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert '<option value="drammen" selected>Drammen</option>' in content


def test_a_report_is_stored_and_told_to_the_municipalitys_staff(
    client: Client, drammen: Municipality, django_capture_on_commit_callbacks: Any
) -> None:
    """Administrators and the participation team get one message each through the
    outbox; other staff, and other municipalities' administrators, do not."""
    admin = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=drammen)
    team = user_with_role(Role.PARTICIPATION_TEAM, municipality=drammen)
    user_with_role(Role.CASE_OFFICER, municipality=drammen)
    user_with_role(Role.MUNICIPALITY_ADMIN, municipality=MunicipalityFactory())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _post(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:accessibility-feedback-receipt")
    stored = AccessibilityFeedback.objects.get()
    assert stored.municipality == drammen
    assert stored.page == "Kartet på aktivitetssiden"
    assert stored.email == "kari@example.no"
    assert stored.language == "nb"
    mails = OutgoingMail.objects.filter(municipality=drammen).order_by("to")
    assert sorted(m.to for m in mails) == sorted([admin.email, team.email])
    message = mails[0]
    assert message.subject == "Tilbakemelding om tilgjengelighet: Kartet på aktivitetssiden"
    assert "Jeg kommer ikke til kartet med tastaturet." in message.body
    assert "kari@example.no" in message.body
    assert f"/admin/core/accessibilityfeedback/{stored.pk}/change/" in message.body
    assert callbacks, "the messages are sent when the report is stored"


def test_the_resident_gets_a_receipt(client: Client, drammen: Municipality) -> None:
    _post(client)
    stored = AccessibilityFeedback.objects.get()
    response = client.get(reverse("core:accessibility-feedback-receipt"), HTTP_ACCEPT_LANGUAGE="nb")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Takk, vi har fått meldingen din" in content
    assert f"Meldingen din er sendt til Drammen. Referansenummeret er {stored.pk}." in content
    assert f"Du får svar på kari@example.no innen {service.ANSWER_DAYS} dager." in content


def test_the_receipt_is_shown_only_to_the_browser_that_sent(
    client: Client, drammen: Municipality
) -> None:
    _post(client)
    other = Client()
    response = other.get(reverse("core:accessibility-feedback-receipt"))
    assert response.status_code == 302
    assert response["Location"] == FORM_URL


def test_a_form_sent_twice_is_stored_once(client: Client, drammen: Municipality) -> None:
    user_with_role(Role.MUNICIPALITY_ADMIN, municipality=drammen)
    first = _post(client)
    second = _post(client)
    assert first.status_code == second.status_code == 302
    assert AccessibilityFeedback.objects.count() == 1
    assert OutgoingMail.objects.count() == 1


def test_the_service_returns_the_first_report_for_the_same_key(drammen: Municipality) -> None:
    submission = service.FeedbackSubmission(
        page="Forsiden", description="Lav kontrast", email="", submission_key="k" * 20
    )
    first = service.accessibility_feedback_submit(municipality=drammen, submission=submission)
    again = service.accessibility_feedback_submit(municipality=drammen, submission=submission)
    assert again.pk == first.pk
    assert AccessibilityFeedback.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "overrides", "message"),
    [
        ("nb", {"description": "  "}, "Beskriv problemet du møtte."),
        ("nn", {"description": ""}, "Beskriv problemet du møtte."),
        ("en", {"description": ""}, "Describe the problem you met."),
        ("nb", {"page": ""}, "Skriv hvilken side eller del av nettstedet problemet er på."),
        ("nn", {"page": ""}, "Skriv kva side eller del av nettstaden problemet er på."),
        ("en", {"municipality": ""}, "Choose the municipality the message should go to."),
        ("nb", {"municipality": "finnes-ikke"}, "Velg kommunen meldingen skal gå til."),
        ("nb", {"email": "kari@"}, "Skriv en hel e-postadresse, som ola@example.no"),
        ("nn", {"email": "kari"}, "Skriv ei heil e-postadresse, som ola@example.no"),
        ("en", {"email": "kari"}, "Write a whole e-mail address, like ola@example.no"),
        ("nb", {"description": "x" * 5001}, "Gjør teksten kortere: høyst 5000 tegn."),
    ],
)
def test_bad_input_gets_a_clear_translated_error(
    client: Client, drammen: Municipality, language: str, overrides: dict[str, str], message: str
) -> None:
    data = {
        "municipality": "drammen",
        "page": "Forsiden",
        "description": "Lav kontrast",
        "email": "",
        "submission_key": "b" * 32,
    } | overrides
    response = client.post(FORM_URL, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'role="alert"' in content
    assert AccessibilityFeedback.objects.count() == 0


def test_the_email_address_is_optional(client: Client, drammen: Municipality) -> None:
    response = _post(client, email="")
    assert response.status_code == 302
    content = client.get(
        reverse("core:accessibility-feedback-receipt"), HTTP_ACCEPT_LANGUAGE="nb"
    ).content.decode()
    assert "Du oppga ingen e-postadresse" in content


def test_the_honeypot_stores_nothing(client: Client, drammen: Municipality) -> None:
    response = _post(client, website="https://spam.example")
    assert response.status_code == 200
    assert "Vi kunne ikke ta imot meldingen din." in response.content.decode()
    assert AccessibilityFeedback.objects.count() == 0


def test_anonymous_senders_are_rate_limited(client: Client, drammen: Municipality) -> None:
    for number in range(service.RATE_LIMIT_PER_SESSION):
        assert _post(client, submission_key=f"key-{number}").status_code == 302
    response = _post(client, submission_key="one-too-many")
    assert response.status_code == 200
    assert "Du har sendt flere meldinger på kort tid." in response.content.decode()
    assert AccessibilityFeedback.objects.count() == service.RATE_LIMIT_PER_SESSION


def test_the_rate_limit_counts_the_address_across_sessions(drammen: Municipality) -> None:
    for number in range(service.RATE_LIMIT_PER_ADDRESS):
        service.accessibility_feedback_submit(
            municipality=drammen,
            submission=service.FeedbackSubmission(
                page="Forsiden", description="Lav kontrast", email="", submission_key=f"k{number}"
            ),
            address="203.0.113.9",
            session_key=f"session-{number}",
        )
    with pytest.raises(ValidationError) as error:
        service.accessibility_feedback_submit(
            municipality=drammen,
            submission=service.FeedbackSubmission(
                page="Forsiden", description="Lav kontrast", email="", submission_key="last"
            ),
            address="203.0.113.9",
            session_key="another",
        )
    assert error.value.code == "rate_limited"


def test_staff_messages_are_in_the_municipalitys_written_form(client: Client) -> None:
    MunicipalityFactory(name="Voss", slug="voss", written_form=WrittenForm.NYNORSK)
    admin = user_with_role(
        Role.MUNICIPALITY_ADMIN, municipality=Municipality.objects.get(slug="voss")
    )
    client.post(
        FORM_URL,
        {
            "municipality": "voss",
            "page": "Front page",
            "description": "The map cannot be used with a keyboard.",
            "submission_key": "c" * 32,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    message = OutgoingMail.objects.get(to=admin.email)
    assert message.subject.startswith("Tilbakemelding om tilgjengelegheit:")
    assert "Ein innbyggjar har meldt frå" in message.body


def test_recipients_are_active_administrators_and_the_participation_team(
    drammen: Municipality,
) -> None:
    admin = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=drammen)
    inactive = user_with_role(Role.PARTICIPATION_TEAM, municipality=drammen)
    inactive.is_active = False
    inactive.save()
    user_with_role(Role.MODERATOR, municipality=drammen)
    UserFactory()
    assert selectors.accessibility_feedback_recipients(municipality=drammen) == [admin.email]


def test_a_municipality_without_staff_still_gets_the_report(
    client: Client, drammen: Municipality
) -> None:
    """Stored and shown in the back office, even when there is no one to e-mail yet."""
    assert _post(client).status_code == 302
    assert AccessibilityFeedback.objects.filter(municipality=drammen).count() == 1
    assert OutgoingMail.objects.count() == 0


def test_staff_see_their_own_municipalitys_reports_only(
    client: Client, drammen: Municipality
) -> None:
    other = MunicipalityFactory(name="Kongsberg")
    mine = AccessibilityFeedback.objects.create(
        municipality=drammen, page="Forsiden", description="Lav kontrast", submission_key="m"
    )
    theirs = AccessibilityFeedback.objects.create(
        municipality=other, page="Kartet", description="Kan ikke zoome", submission_key="t"
    )
    client.force_login(user_with_role(Role.MUNICIPALITY_ADMIN, municipality=drammen))
    listing = client.get(reverse("admin:core_accessibilityfeedback_changelist"))
    assert listing.status_code == 200
    assert (
        reverse("admin:core_accessibilityfeedback_change", args=[mine.pk])
        in listing.content.decode()
    )
    assert (
        reverse("admin:core_accessibilityfeedback_change", args=[theirs.pk])
        not in listing.content.decode()
    )
    assert client.get(
        reverse("admin:core_accessibilityfeedback_change", args=[theirs.pk])
    ).status_code in (302, 404)
    changed = client.post(
        reverse("admin:core_accessibilityfeedback_change", args=[mine.pk]), {"is_answered": "on"}
    )
    assert changed.status_code == 302
    mine.refresh_from_db()
    assert mine.is_answered
