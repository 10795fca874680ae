"""The section the indicators app adds to a municipality's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from medvirk.core.panels import Panel


def municipality_panel(request: HttpRequest, municipality: Any) -> Panel | None:
    return Panel("indicators/_municipality_panel.html", {"municipality": municipality})


def district_panel(request: HttpRequest, district: Any) -> Panel | None:
    """The district's engagement measures, when medvirk has computed any."""
    from medvirk.indicators.selectors import district_engagement

    rows = district_engagement(district=district)
    if not rows:
        return None
    return Panel("indicators/_district_panel.html", {"district": district, "rows": rows})
