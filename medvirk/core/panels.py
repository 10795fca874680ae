"""Sections that apps add to the district and municipality pages.

The places app owns those pages, but what they show comes from many apps (the local
committee, meetings, activities, offers). Each app registers a provider in its
``AppConfig.ready()``::

    register_district_panel(order=20, provider=committee_panel)

A provider takes the request and the district (or municipality) and returns a
:class:`Panel` (a template and its context) or None when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


DistrictProvider = Callable[[HttpRequest, Any], Panel | None]

_district_providers: list[tuple[int, DistrictProvider]] = []
_municipality_providers: list[tuple[int, DistrictProvider]] = []


def register_district_panel(*, order: int, provider: DistrictProvider) -> None:
    if all(existing is not provider for _, existing in _district_providers):
        _district_providers.append((order, provider))
        _district_providers.sort(key=lambda item: item[0])


def register_municipality_panel(*, order: int, provider: DistrictProvider) -> None:
    if all(existing is not provider for _, existing in _municipality_providers):
        _municipality_providers.append((order, provider))
        _municipality_providers.sort(key=lambda item: item[0])


def district_panels(request: HttpRequest, district: Any) -> list[Panel]:
    panels = (provider(request, district) for _, provider in _district_providers)
    return [panel for panel in panels if panel is not None]


def municipality_panels(request: HttpRequest, municipality: Any) -> list[Panel]:
    panels = (provider(request, municipality) for _, provider in _municipality_providers)
    return [panel for panel in panels if panel is not None]
