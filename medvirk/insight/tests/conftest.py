from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache

from medvirk.insight import services


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Rate limits live in the cache; every test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Analyses are recorded as started but not run, so a test can run them itself."""
    ids: list[int] = []
    monkeypatch.setattr(services, "launch_job", ids.append)
    return ids


@pytest.fixture
def start(started: list[int], django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Start an analysis as a request would: its launch happens after the commit."""

    def start(**kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            analysis = services.analysis_start(**kwargs)
        assert started[-1] == analysis.pk
        return analysis

    return start
