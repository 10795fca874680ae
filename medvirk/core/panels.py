"""Sections that apps add to pages owned by other apps.

The places app owns the district and municipality pages, and the participation and
followup apps own the activity and report pages, but what those pages show comes from
many apps (the local committee, meetings, activities, offers, the reviewed summary of the
input). Each app registers a provider for a named place in its ``AppConfig.ready()``::

    register_panel(DISTRICT, order=20, provider=committee_panel)

A provider takes the request and the page's object (a district, a municipality or an
activity) and returns a :class:`Panel` (a template and its context) or None when it has
nothing to show.
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


Provider = Callable[[HttpRequest, Any], Panel | None]
DistrictProvider = Provider

# The places panels can be added to.
DISTRICT = "district"
MUNICIPALITY = "municipality"
ACTIVITY_SUMMARY = "activity_summary"  # the activity page, while it is summarising
ACTIVITY_REPORT = "activity_report"  # the "what we heard / what we did" report

_providers: dict[str, list[tuple[int, Provider]]] = {}


def _register(
    registry: dict[str, list[tuple[int, Any]]], place: str, order: int, provider: Any
) -> None:
    """Add a provider for a place once (ready() may run twice), keeping them in order."""
    providers = registry.setdefault(place, [])
    if all(existing is not provider for _, existing in providers):
        providers.append((order, provider))
        providers.sort(key=lambda item: item[0])


def register_panel(place: str, *, order: int, provider: Provider) -> None:
    _register(_providers, place, order, provider)


def panels(place: str, request: HttpRequest, obj: Any) -> list[Panel]:
    found = (provider(request, obj) for _, provider in _providers.get(place, []))
    return [panel for panel in found if panel is not None]


def register_district_panel(*, order: int, provider: Provider) -> None:
    register_panel(DISTRICT, order=order, provider=provider)


def register_municipality_panel(*, order: int, provider: Provider) -> None:
    register_panel(MUNICIPALITY, order=order, provider=provider)


def district_panels(request: HttpRequest, district: Any) -> list[Panel]:
    return panels(DISTRICT, request, district)


def municipality_panels(request: HttpRequest, municipality: Any) -> list[Panel]:
    return panels(MUNICIPALITY, request, municipality)


@dataclass(frozen=True)
class ExportTable:
    """A table an app adds to another app's file exports (a sheet in XLSX, a table in
    PDF): a title, the column headings and the rows of plain values."""

    title: str
    header: list[str]
    rows: list[list[Any]]


TableProvider = Callable[[Any], ExportTable | None]

_table_providers: dict[str, list[tuple[int, TableProvider]]] = {}


def register_export_table(place: str, *, order: int, provider: TableProvider) -> None:
    _register(_table_providers, place, order, provider)


def export_tables(place: str, obj: Any) -> list[ExportTable]:
    found = (provider(obj) for _, provider in _table_providers.get(place, []))
    return [table for table in found if table is not None]
