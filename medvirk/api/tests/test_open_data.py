"""The page about the open data and the API, for people: the footer's "Open data (API)"
leads to it (not to a YAML file to download), and it says what is open, under which
licence, and links the schema in JSON and the API keys page, in all three languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_footer_leads_to_a_page_about_the_open_data(client: Any) -> None:
    """The footer link is the open data page, a web page in the reader's language with
    the licence and links to the JSON schema and the API keys page."""
    home = client.get(reverse("core:home")).content.decode()
    page_url = reverse("api:open-data")
    assert page_url == "/api/"
    assert f'href="{page_url}"' in home
    assert f'href="{reverse("api:schema")}"' not in home
    headings = {
        "nb": "Åpne data og API-et",
        "nn": "Opne data og API-et",
        "en": "Open data and the API",
    }
    for language, heading in headings.items():
        response = client.get(page_url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        page = response.content.decode()
        assert heading in page
        assert "NLOD 2.0" in page
        assert f'href="{reverse("api:schema")}?format=json"' in page
        assert f'href="{reverse("api:tokens")}"' in page
    schema = client.get(reverse("api:schema") + "?format=json")
    assert schema.status_code == 200 and "openapi" in schema.json()
