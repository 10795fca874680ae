"""The real figures shipped in ``data/`` (see ``data/SOURCES.md``), read into indicator
specifications and rows ready for :func:`medvirk.indicators.services.observations_save`.

* ``kostra-finance-2024-2025-long.csv`` and ``…-aggregates-wide.csv``: SSB KOSTRA
  finance figures for all 357 municipalities, the KOSTRA groups and the country,
  2024–2025; net debt as a share of revenues is derived here from the same figures;
* ``lorenskog-kostra-2025-long.kommunebarometer.csv``: SSB's KOSTRA extract for
  Lørenskog, its neighbours, KOSTRA group 8 and the country, 2020–2025;
* ``dki-2025/2026.kommunebarometer.json``: the cost-need index (Grønt hefte);
* ``medvirk/places/data/kommuner-2024.csv``: municipal road length (NVDB).
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from django.utils import timezone

from medvirk.indicators.models import Direction, SourceKind
from medvirk.indicators.regions import RegionResolver, UnknownRegion
from medvirk.indicators.services import IndicatorSpec, Prepared, Row
from medvirk.places.reference_data import norwegian_slug

DATA_DIR = Path(__file__).resolve().parent / "data"
PLACES_DATA = Path(__file__).resolve().parents[1] / "places" / "data"

H, L, N = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER, Direction.NEUTRAL

FINANCE = {
    "AGD13_amount": (
        "Brutto driftsinntekter",
        "Brutto driftsinntekter",
        "Gross operating revenue",
        "1000 kr",
        0,
        N,
    ),
    "AGD13_per_capita": (
        "Brutto driftsinntekter per innbygger",
        "Brutto driftsinntekter per innbyggjar",
        "Gross operating revenue per inhabitant",
        "kr",
        0,
        N,
    ),
    "AGD23_amount": (
        "Netto driftsresultat",
        "Netto driftsresultat",
        "Net operating result",
        "1000 kr",
        0,
        H,
    ),
    "AGD23_per_capita": (
        "Netto driftsresultat per innbygger",
        "Netto driftsresultat per innbyggjar",
        "Net operating result per inhabitant",
        "kr",
        0,
        H,
    ),
    "KG31_amount": ("Netto lånegjeld", "Netto lånegjeld", "Net debt", "1000 kr", 0, L),
    "KG31_per_capita": (
        "Netto lånegjeld per innbygger",
        "Netto lånegjeld per innbyggjar",
        "Net debt per inhabitant",
        "kr",
        0,
        L,
    ),
    "NDR_PCT_DERIVED": (
        "Netto driftsresultat i % av brutto driftsinntekter",
        "Netto driftsresultat i % av brutto driftsinntekter",
        "Net operating result as % of gross operating revenue",
        "%",
        2,
        H,
    ),
    "DEBT_PCT_DERIVED": (
        "Netto lånegjeld i % av brutto driftsinntekter",
        "Netto lånegjeld i % av brutto driftsinntekter",
        "Net debt as % of gross operating revenue",
        "%",
        1,
        L,
    ),
}
AGGREGATE_COLUMNS = {
    "driftsinntekter_1000kr": "AGD13_amount",
    "driftsinntekter_kr_per_innb": "AGD13_per_capita",
    "netto_driftsresultat_1000kr": "AGD23_amount",
    "netto_driftsresultat_kr_per_innb": "AGD23_per_capita",
    "netto_laanegjeld_1000kr": "KG31_amount",
    "netto_laanegjeld_kr_per_innb": "KG31_per_capita",
    "netto_driftsresultat_pct_derived": "NDR_PCT_DERIVED",
}
FINANCE_NOTE = (
    "SSB KOSTRA (tabell 12137 m.fl.), kommunekonsern, via prosjektet Fellestall. "
    "Prosentandelene er avledet av medvirk fra SSBs beløp"
)

# Region names in the Lørenskog extract → SSB codes (2024 municipality numbers)
EXTRACT_REGIONS = {
    "Landet": "EAK",
    "Landet u/Oslo": "EAKUO",
    "Kostragr. 8": "EKG08",
    "Oslo": "0301",
    "Lørenskog": "3222",
    "Lillestrøm": "3205",
    "Enebakk": "3220",
    "Rælingen": "3224",
}
# Known directions of some extract indicators (the rest are neutral)
EXTRACT_DIRECTIONS = {
    "Netto driftsresultat i % av brutto driftsinntekter (%)": H,
    "Årets merforbruk i % av brutto driftsinntekter (%)": L,
    "Langsiktig gjeld (ekskl. pensjonsforpl.) i % av br. driftsinnt. (%)": L,
    "Fri egenkapital drift i % av br. driftsinnt. (%)": H,
    "Egenfinansiering av investeringene i % av tot. br. invest. (%)": H,
    "Mestringsnivå 3-5 i lesing, 8. trinn (%)": H,
    "Mestringsnivå 3-5 i regning, 8. trinn (%)": H,
    "Gjennomsnittlig grunnskolepoeng (poeng)": H,
    "Andel barnehagelærere av grunnbemanning (%)": H,
    "Andel uføretrygdede 18-66 år (%)": L,
    "Barn 6-15 år i kulturskole (%)": H,
    "Besøk i folkebibliotek per innbygger (antall)": H,
    "Forventet levealder ved fødsel, kvinner (år)": H,
    "Forventet levealder ved fødsel, menn (år)": H,
}
# "Innbyggere (antall)" is left out: the extract shifts it by one year (see SOURCES.md).
EXTRACT_SKIP = {"Innbyggere (antall)"}


def extract_code(name: str) -> str:
    """A stable code from the extract's indicator name: "kb." and the name as a slug."""
    return "kb." + norwegian_slug(name.replace("%", "pst"))[:100]


def _unit(name: str) -> str:
    match = re.search(r"\(([^()]*)\)\s*$", name)
    return match.group(1) if match else ""


def _finance(resolver: RegionResolver) -> Iterator[Row]:
    amounts: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    with (DATA_DIR / "kostra-finance-2024-2025-long.csv").open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            region = resolver.resolve(line["municipality_number"], line["year"])
            value = float(line["value"])
            amounts[(region.code, line["year"])][line["indicator_code"]] = value
            yield Row(line["indicator_code"], region, line["year"], value, "")
    with (DATA_DIR / "kostra-finance-2024-2025-aggregates-wide.csv").open(
        encoding="utf-8"
    ) as handle:
        for line in csv.DictReader(handle):
            try:
                region = resolver.resolve(line["region_code"], line["year"])
            except UnknownRegion:
                continue  # EAFK (counties in all) and Longyearbyen are not used here
            for column, code in AGGREGATE_COLUMNS.items():
                value = float(line[column])
                amounts[(region.code, line["year"])][code] = value
                yield Row(code, region, line["year"], value, "")
    # net debt as a share of revenues, from the same real amounts
    for (code, year), values in amounts.items():
        if values.get("AGD13_amount") and "KG31_amount" in values:
            share = round(100 * values["KG31_amount"] / values["AGD13_amount"], 2)
            yield Row("DEBT_PCT_DERIVED", resolver.resolve(code, year), year, share, "")


def _extract(resolver: RegionResolver) -> tuple[dict[str, IndicatorSpec], list[Row]]:
    specs: dict[str, IndicatorSpec] = {}
    rows: list[Row] = []
    path = DATA_DIR / "lorenskog-kostra-2025-long.kommunebarometer.csv"
    with path.open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            name = line["indikator"]
            if name in EXTRACT_SKIP or line["region"] not in EXTRACT_REGIONS:
                continue
            code = extract_code(name)
            if code not in specs:
                specs[code] = IndicatorSpec(
                    code=code,
                    name_nb=re.sub(r"\s*\([^()]*\)\s*$", "", name),
                    unit=_unit(name),
                    decimals=1,
                    theme=line["sektor"],
                    direction=EXTRACT_DIRECTIONS.get(name, N),
                )
            value_text = line["verdi"].strip()
            value = float(value_text) if value_text not in ("", ".", "..", ":") else None
            status = "" if value is not None else (value_text or "..")
            region = resolver.resolve(EXTRACT_REGIONS[line["region"]], line["aar"])
            rows.append(Row(code, region, line["aar"], value, status))
    return specs, rows


def _cost_need(resolver: RegionResolver) -> Iterator[Row]:
    for year in ("2025", "2026"):
        raw = json.loads((DATA_DIR / f"dki-{year}.kommunebarometer.json").read_text("utf-8"))
        for number, value in raw["kommuner"].items():
            if isinstance(value, dict):
                value = value.get("samlet")
            if value is None:
                continue
            try:
                region = resolver.resolve(number, year)
            except UnknownRegion:
                continue
            yield Row("DKI", region, year, float(value), "")


def _roads(resolver: RegionResolver) -> Iterator[Row]:
    with (PLACES_DATA / "kommuner-2024.csv").open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            km = line.get("kommunal_veg_km_2024")
            population = line.get("folkemengde_2024_01_01")
            if not km or not population:
                continue
            region = resolver.resolve(line["kommunenummer"], "2024")
            yield Row(
                "ROAD_KM_PER_1000", region, "2024", round(1000 * float(km) / int(population), 3), ""
            )


def reference_data() -> list[Prepared]:
    """Every real figure shipped with medvirk, checked and ready to save, one batch per
    source."""
    resolver = RegionResolver()
    now = timezone.now()
    finance = {
        code: IndicatorSpec(
            code=code,
            name_nb=nb,
            name_nn=nn,
            name_en=en,
            unit=unit,
            decimals=decimals,
            direction=direction,
            theme="Økonomi",
            source=SourceKind.SSB,
        )
        for code, (nb, nn, en, unit, decimals, direction) in FINANCE.items()
    }
    context = {
        "DKI": IndicatorSpec(
            code="DKI",
            name_nb="Utgiftsbehov (samlet kostnadsindeks)",
            name_nn="Utgiftsbehov (samla kostnadsindeks)",
            name_en="Cost-need index",
            unit="indeks",
            decimals=3,
            theme="Kontekst",
            source=SourceKind.OTHER,
        ),
    }
    roads = {
        "ROAD_KM_PER_1000": IndicatorSpec(
            code="ROAD_KM_PER_1000",
            name_nb="Kommunal veg per 1 000 innbyggere",
            name_nn="Kommunal veg per 1 000 innbyggjarar",
            name_en="Municipal road per 1,000 inhabitants",
            unit="km",
            decimals=2,
            theme="Kontekst",
            source=SourceKind.OTHER,
        ),
    }
    extract_specs, extract_rows = _extract(resolver)
    return [
        Prepared(finance, list(_finance(resolver)), FINANCE_NOTE, now),
        Prepared(
            extract_specs,
            extract_rows,
            "SSB KOSTRA-nøkkeltall 2025 (foreløpige tall 16.3.2026), uttrekk for Lørenskog",
            now,
        ),
        Prepared(
            context, list(_cost_need(resolver)), "KDD Grønt hefte 2025 og 2026, tabell A-k", now
        ),
        Prepared(roads, list(_roads(resolver)), "NVDB / Statens vegvesen 2024; SSB folketall", now),
    ]
