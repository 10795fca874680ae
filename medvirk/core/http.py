"""Facts about the request that several apps need."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def client_address(request: HttpRequest) -> str:
    """The address of the person's machine, for rate limits.

    Without proxies it is ``REMOTE_ADDR``. Behind ``TRUSTED_PROXIES`` reverse proxies
    (a load balancer, a TLS terminator), each appending the address it saw to
    ``X-Forwarded-For``, the client is the entry that many places from the right; the
    entries further left are whatever the client sent and are never trusted. When the
    header is shorter than that, ``REMOTE_ADDR`` is used.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0))
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def safe_next(request: HttpRequest, candidate: str | None, fallback: str) -> str:
    """``candidate`` when it is a path or URL on this site, else ``fallback``: a ``next``
    parameter must never send a person to another site (``//evil.example``,
    ``https://evil.example``, ``/\\evil.example``)."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback
