"""Counting requests in the shared cache, for the rate limits of anonymous forms."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache


def rate_exceeded(counters: Iterable[tuple[str, int]], *, window_seconds: int) -> bool:
    """Count one more request on each ``(key, limit)`` counter (a counter lives for
    ``window_seconds`` from its first request) and tell whether any went past its limit.
    A key ending in ``:`` names nothing (an unknown address or session) and is skipped.
    The counts live in the shared cache, so every app server sees the same ones."""
    exceeded = False
    for key, limit in counters:
        if key.endswith(":"):
            continue
        cache.add(key, 0, window_seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window_seconds)
            count = 1
        exceeded = exceeded or count > limit
    return exceeded
