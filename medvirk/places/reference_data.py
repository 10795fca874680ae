"""Read the national reference data shipped in ``data/`` (see ``data/SOURCES.md``)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"

WRITTEN_FORMS = {"Bokmål": "nb", "Nynorsk": "nn", "Nøytral": "neutral"}
_TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def norwegian_slug(name: str) -> str:
    """A URL-friendly name: "Bærum" → "baerum", "Våler" → "valer"."""
    return slugify(name.translate(_TRANSLITERATION))


@dataclass(frozen=True)
class CountyRecord:
    number: str
    name: str


@dataclass(frozen=True)
class MunicipalityRecord:
    number: str
    name: str
    slug: str
    county_number: str
    population: int | None
    area_km2: Decimal | None
    written_form: str
    administrative_centre: str
    kostra_group: str
    website: str
    boundary: dict[str, Any] | None
    postcodes: tuple[tuple[str, str], ...]


def read_counties(data_dir: Path = DATA_DIR) -> list[CountyRecord]:
    raw = json.loads((data_dir / "counties-2025.aprestmo.json").read_text(encoding="utf-8"))
    return [CountyRecord(number=item["id"], name=item["name"]) for item in raw]


def read_municipalities(data_dir: Path = DATA_DIR) -> list[MunicipalityRecord]:
    """The 357 municipalities with population, county, KOSTRA group, boundary and postcodes.
    Names that occur twice (Herøy, Våler) get the county in their slug."""
    with (data_dir / "kommuner-2024.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    geo = json.loads((data_dir / "kommuner-2024-S.geojson").read_text(encoding="utf-8"))
    boundaries = {f["properties"]["kommunenummer"]: f["geometry"] for f in geo["features"]}
    details = {
        item["id"]: item
        for item in json.loads(
            (data_dir / "municipalities-2025.aprestmo.json").read_text(encoding="utf-8")
        )
    }
    name_counts = Counter(row["kommunenavn"] for row in rows)
    records = []
    for row in rows:
        number = row["kommunenummer"]
        name = row["kommunenavn"]
        slug = norwegian_slug(name)
        if name_counts[name] > 1:
            slug = f"{slug}-{norwegian_slug(row['fylkesnavn'])}"
        detail = details.get(number, {})
        website = detail.get("url") or ""
        postcodes = tuple(
            (str(p["code"]).zfill(4), str(p.get("place", "")))
            for p in detail.get("postal_codes", [])
        )
        records.append(
            MunicipalityRecord(
                number=number,
                name=name,
                slug=slug,
                county_number=row["fylkesnummer"],
                population=int(row["folkemengde_2024_01_01"])
                if row["folkemengde_2024_01_01"]
                else None,
                area_km2=Decimal(row["areal_km2"]) if row["areal_km2"] else None,
                written_form=WRITTEN_FORMS.get(row["maalform"], "neutral"),
                administrative_centre=row["adm_senter"],
                kostra_group=row["kostra_gruppe"],
                website=f"https://{website}" if website and "://" not in website else website,
                boundary=boundaries.get(number),
                postcodes=postcodes,
            )
        )
    return records
