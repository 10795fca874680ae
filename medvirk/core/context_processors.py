"""Template context available on every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "oidc_enabled": settings.OIDC.enabled,
        "oidc_label": settings.OIDC.label,
    }
