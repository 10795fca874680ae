"""Sections this app adds to the district and municipality pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from medvirk.core.panels import Panel
from medvirk.volunteering import selectors


def district_panel(request: HttpRequest, district: Any) -> Panel | None:
    """The district's offers and working groups, and its simple measures."""
    start, end = selectors.measures_period()
    measures = selectors.district_measures(districts=[district], start=start, end=end)[0]
    offers = list(
        selectors.offer_list(
            municipality=district.municipality,
            filters=selectors.OfferFilters(district=district),
        )[:8]
    )
    return Panel(
        "volunteering/_district_panel.html",
        {
            "district": district,
            "municipality": district.municipality,
            "measures": measures,
            "offers": offers,
        },
    )


def municipality_panel(request: HttpRequest, municipality: Any) -> Panel | None:
    """Links to offers, working groups, associations, the measures and volunteer sign-up
    (no queries: the municipality page keeps its fixed query count)."""
    return Panel("volunteering/_municipality_panel.html", {"municipality": municipality})
