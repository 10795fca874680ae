"""The privacy statement (personvernerklæring) is public and written in bokmål, nynorsk
and English, with this installation's retention periods."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "phrase"),
    [
        ("nb", "Personvernerklæring", "Hvem som har ansvaret"),
        ("nn", "Personvernerklæring", "Kven som har ansvaret"),
        ("en", "Privacy statement", "Who is responsible"),
    ],
)
def test_privacy_statement_renders_in_each_language(
    client: Client, language: str, heading: str, phrase: str
) -> None:
    """No login needed; the page is in the chosen language and names the supervisory
    authority, ID-porten and the cookies used."""
    response = client.get(reverse("core:privacy"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'lang="{language}"' in content
    assert heading in content
    assert phrase in content
    assert "Datatilsynet" in content
    assert "ID-porten" in content
    assert "CSRF" in content


def test_privacy_statement_shows_the_configured_retention(client: Client, settings: Any) -> None:
    settings.PRIVACY_UNVERIFIED_ACCOUNT_DAYS = 14
    settings.PRIVACY_CONTACT_RETENTION_DAYS = 200
    content = client.get(reverse("core:privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "deleted after 14 days" in content
    assert "deleted 200 days" in content
    assert reverse("core:privacy") == "/personvern/"
