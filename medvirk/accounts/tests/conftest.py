"""Fixtures for the accounts tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from medvirk.accounts.tests.fake_oidc import FakeOidcProvider


@pytest.fixture
def fake_oidc(settings: Any) -> Iterator[FakeOidcProvider]:
    """A fake OpenID Connect provider on loopback, with ``settings.OIDC`` pointing at it."""
    from config.env import OidcConfig
    from medvirk.accounts import oidc

    provider = FakeOidcProvider().start()
    settings.OIDC = OidcConfig(
        enabled=True,
        issuer=provider.issuer,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        scopes="openid profile",
        label="ID-porten",
        timeout_seconds=5.0,
    )
    oidc.clear_caches()
    try:
        yield provider
    finally:
        provider.stop()
        oidc.clear_caches()
