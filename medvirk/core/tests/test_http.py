"""The client's address for rate limits, with and without reverse proxies."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from medvirk.core.http import client_address


def _request(forwarded: str | None = None):
    headers = {"REMOTE_ADDR": "10.0.0.9"}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_proxies_the_header_is_ignored(settings) -> None:
    settings.TRUSTED_PROXIES = 0
    assert client_address(_request("203.0.113.7")) == "10.0.0.9"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # A client that sends its own header cannot choose its address.
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.5", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.9"),  # shorter than the chain: not trusted
        (1, "", "10.0.0.9"),
    ],
)
def test_behind_proxies_the_client_is_counted_from_the_right(
    settings, proxies: int, forwarded: str, expected: str
) -> None:
    settings.TRUSTED_PROXIES = proxies
    assert client_address(_request(forwarded)) == expected
