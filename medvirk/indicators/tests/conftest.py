"""Fixtures: the real 357 municipalities and 15 counties (without boundaries, for speed)."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

import pytest

from medvirk.places.models import County, Municipality
from medvirk.places.reference_data import DATA_DIR, norwegian_slug


@pytest.fixture
def norway(db: Any) -> dict[str, Municipality]:
    """Every municipality of 2024 with population, area, county and KOSTRA group."""
    with (DATA_DIR / "kommuner-2024.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    counties = {}
    for row in rows:
        if row["fylkesnummer"] not in counties:
            counties[row["fylkesnummer"]] = County.objects.create(
                number=row["fylkesnummer"], name=row["fylkesnavn"]
            )
    seen: set[str] = set()
    objects = []
    for row in rows:
        slug = norwegian_slug(row["kommunenavn"])
        if slug in seen:
            slug = f"{slug}-{row['kommunenummer']}"
        seen.add(slug)
        objects.append(
            Municipality(
                number=row["kommunenummer"],
                name=row["kommunenavn"],
                slug=slug,
                county=counties[row["fylkesnummer"]],
                population=int(row["folkemengde_2024_01_01"]),
                area_km2=Decimal(row["areal_km2"]),
                kostra_group=row["kostra_gruppe"],
                is_participating=row["kommunenummer"] == "3301",
            )
        )
    Municipality.objects.bulk_create(objects)
    return {m.number: m for m in Municipality.objects.all()}


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Services answer in the active language; the tests read their messages in English.
    (Pages are requested without a language and answer in bokmål, the default.)"""
    from django.utils import translation

    with translation.override("en"):
        yield
