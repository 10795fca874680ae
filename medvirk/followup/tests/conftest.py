from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Rate limits live in the cache; every test starts with none counted."""
    cache.clear()
    yield
    cache.clear()
