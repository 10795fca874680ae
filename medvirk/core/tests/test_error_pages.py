"""Error pages say what happened and what to do next, in the reader's language, with the
right status, in the site's own layout: 403 (log in, or ask the municipality for access;
a failed CSRF check says reload and send again), 404 (check the address, go to the front
page) and 500 (the fault is ours, try again later; rendered without the database or the
request's context). Under /api/ every error stays JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path, reverse
from django.utils import translation

import config.urls
from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.core import views
from medvirk.places.tests.factories import MunicipalityFactory


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _missing(request: HttpRequest) -> HttpResponse:
    raise Http404("nothing here")


def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("broken on purpose")


# The site's own URLs and handlers, with a few views that fail on purpose.
urlpatterns = [
    path("test-forbidden/", _forbidden),
    path("api/test-forbidden/", _forbidden),
    path("api/test-missing/", _missing),
    path("test-broken/", _broken),
    path("api/test-broken/", _broken),
    *config.urls.urlpatterns,
]
handler403 = config.urls.handler403
handler404 = config.urls.handler404
handler500 = config.urls.handler500

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

LANGUAGES = ("nb", "nn", "en")


def _page(response: Any, language: str) -> str:
    content = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert f'lang="{language}"' in content
    assert 'class="site-footer"' in content, "the page uses the site's layout"
    assert 'href="/"' in content, "the page links to the front page"
    return content


@pytest.mark.parametrize(
    ("language", "heading", "next_step"),
    [
        ("nb", "Fant ikke siden", "Sjekk at adressen er skrevet riktig."),
        ("nn", "Fann ikkje sida", "Sjekk at adressa er skriven rett."),
        ("en", "Page not found", "Check that the address is spelled correctly."),
    ],
)
def test_404_page_says_what_to_do(
    client: Client, language: str, heading: str, next_step: str
) -> None:
    response = client.get("/finnes-ikke/heller-ikke/her/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    content = _page(response, language)
    assert heading in content
    assert next_step in content


def test_404_of_an_unknown_municipality_is_the_styled_page(client: Client) -> None:
    response = client.get("/ingen-slik-kommune/", HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 404
    assert "Fant ikke siden" in _page(response, "nb")


@pytest.mark.parametrize("address", ["/api/test-missing/", "/api/v1/finnes-ikke/"])
def test_404_under_api_is_json(client: Client, address: str) -> None:
    response = client.get(address, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("language", "heading", "login"),
    [
        ("nb", "Du har ikke tilgang til denne siden", "Logg inn"),
        ("nn", "Du har ikkje tilgang til denne sida", "Logg inn"),
        ("en", "You do not have access to this page", "Log in"),
    ],
)
def test_403_page_asks_an_anonymous_visitor_to_log_in(
    client: Client, language: str, heading: str, login: str
) -> None:
    """The login link brings the person back to the page they wanted."""
    response = client.get("/test-forbidden/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    content = _page(response, language)
    assert heading in content
    assert f'href="{reverse("accounts:login")}?next=/test-forbidden/">{login}</a>' in content


@pytest.mark.parametrize(
    ("language", "ask"),
    [
        ("nb", "be en administrator i kommunen din om å gi deg tilgang"),
        ("nn", "be ein administrator i kommunen din om å gi deg tilgang"),
        ("en", "ask an administrator in your municipality to give you access"),
    ],
)
def test_403_page_tells_a_logged_in_person_to_ask_the_municipality(
    client: Client, language: str, ask: str
) -> None:
    """A resident who opens the moderation queue gets the site's page, not Django's bare
    "403 Forbidden"."""
    municipality = MunicipalityFactory()
    client.force_login(UserFactory())
    response = client.get(
        reverse("participation:moderation", args=[municipality.slug]),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 403
    content = _page(response, language)
    assert ask in content
    assert "403 Forbidden" not in content


def test_403_page_for_a_case_officer_on_the_moderation_queue(client: Client) -> None:
    municipality = MunicipalityFactory()
    client.force_login(user_with_role(Role.CASE_OFFICER, municipality=municipality))
    response = client.get(
        reverse("participation:moderation", args=[municipality.slug]), HTTP_ACCEPT_LANGUAGE="nb"
    )
    assert response.status_code == 403
    assert "Du er logget inn, men kontoen din har ikke rollen" in _page(response, "nb")


def test_403_under_api_is_json(client: Client) -> None:
    response = client.get("/api/test-forbidden/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}


@pytest.mark.parametrize(
    ("language", "heading", "next_step"),
    [
        ("nb", "Skjemaet kunne ikke sendes", "last inn siden på nytt"),
        ("nn", "Skjemaet kunne ikkje sendast", "last inn sida på nytt"),
        ("en", "The form could not be sent", "reload the page"),
    ],
)
def test_csrf_failure_says_reload_and_send_again(
    language: str, heading: str, next_step: str
) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("set_language"), {"language": "en"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 403
    content = _page(response, language)
    assert heading in content
    assert next_step in content


def test_csrf_failure_under_api_is_json() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/test-forbidden/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "CSRF" in response.json()["detail"]


@pytest.mark.parametrize(
    ("language", "heading", "next_step"),
    [
        ("nb", "Noe gikk galt", "Prøv igjen om litt."),
        ("nn", "Noko gjekk gale", "Prøv igjen om litt."),
        ("en", "Something went wrong", "Try again in a little while."),
    ],
)
def test_500_page_says_try_again_later(
    client: Client, language: str, heading: str, next_step: str
) -> None:
    client.raise_request_exception = False
    response = client.get("/test-broken/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 500
    content = _page(response, language)
    assert heading in content
    assert next_step in content


def test_500_under_api_is_json(client: Client) -> None:
    client.raise_request_exception = False
    response = client.get("/api/test-broken/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "A server error occurred. Please try again later."}


@pytest.mark.django_db(databases=[])
def test_500_page_needs_no_database_and_no_request_context(rf: RequestFactory) -> None:
    """Database access is refused in this test; the page renders all the same, from a bare
    request without a session or user."""
    with translation.override("nb"):
        response = views.server_error(rf.get("/noe/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert "Noe gikk galt" in content
    assert 'class="site-footer"' in content


def test_500_page_falls_back_to_bare_html_when_the_template_fails(
    rf: RequestFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_template(name: str) -> Any:
        raise RuntimeError("template engine down")

    monkeypatch.setattr(views.loader, "get_template", broken_template)
    response = views.server_error(rf.get("/noe/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert "Noe gikk galt" in content
    assert "Something went wrong" in content
