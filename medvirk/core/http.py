"""Facts about the request that several apps need."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


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
