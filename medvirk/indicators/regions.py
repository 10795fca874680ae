"""Region codes as SSB writes them, resolved to places: municipality numbers (with the
2024 renumbering), county numbers, ``EKGnn`` (KOSTRA groups), ``EAK`` and ``EAKUO``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from medvirk.indicators.models import RegionKind

DATA_DIR = Path(__file__).resolve().parent / "data"
CODE_HISTORY_FILE = DATA_DIR / "code-history.kommunebarometer.json"

COUNTRY_NAMES = {
    "EAK": "Landet (kommunene i alt)",
    "EAKUO": "Landet uten Oslo",
}
KOSTRA_GROUP = re.compile(r"^EKG(0[1-9]|1[0-7])$")
MUNICIPALITY = re.compile(r"^\d{4}$")
COUNTY = re.compile(r"^\d{2}$")


class UnknownRegion(ValueError):
    """The code names no known region."""


@dataclass(frozen=True)
class RegionSpec:
    kind: str
    code: str
    name: str
    municipality_id: int | None = None
    county_id: int | None = None
    renumbered_from: str = ""


@dataclass(frozen=True)
class Renumbering:
    new_code: str
    name: str
    valid_to_year: int  # the old code is used for years before this one


@cache
def code_history() -> dict[str, Renumbering]:
    """Old municipality number → its new number (SSB Klass 131, 1 January 2024)."""
    raw = json.loads(CODE_HISTORY_FILE.read_text(encoding="utf-8"))
    history = {}
    for new_code, entry in raw["endringer"].items():
        for old in entry["oldCodes"]:
            history[old["code"]] = Renumbering(
                new_code=new_code, name=entry["name"], valid_to_year=int(old["validTo"][:4])
            )
    return history


def period_year(period: str) -> int | None:
    match = re.match(r"^(\d{4})", period)
    return int(match.group(1)) if match else None


class RegionResolver:
    """Resolves codes to :class:`RegionSpec` with the municipalities and counties read
    once (two queries), so a whole file resolves without further queries."""

    def __init__(self) -> None:
        from medvirk.indicators.models import Region
        from medvirk.places.models import County, Municipality

        self.municipalities = {
            number: (pk, name)
            for pk, number, name in Municipality.objects.values_list("pk", "number", "name")
        }
        self.counties = {
            number: (pk, name)
            for pk, number, name in County.objects.values_list("pk", "number", "name")
        }
        self.districts = {
            code: name
            for code, name in Region.objects.filter(kind=RegionKind.DISTRICT).values_list(
                "code", "name"
            )
        }

    def resolve(self, code: str, period: str = "") -> RegionSpec:
        code = code.strip()
        if code in COUNTRY_NAMES:
            return RegionSpec(RegionKind.COUNTRY, code, COUNTRY_NAMES[code])
        if KOSTRA_GROUP.match(code):
            return RegionSpec(RegionKind.KOSTRA_GROUP, code, f"KOSTRA-gruppe {int(code[3:])}")
        if MUNICIPALITY.match(code):
            renumbered_from = ""
            change = code_history().get(code)
            if change is not None:
                year = period_year(period)
                if year is not None and year >= change.valid_to_year:
                    raise UnknownRegion(
                        _("municipality number %(old)s was replaced by %(new)s from %(year)s")
                        % {"old": code, "new": change.new_code, "year": change.valid_to_year}
                    )
                renumbered_from, code = code, change.new_code
            if code not in self.municipalities:
                raise UnknownRegion(_("unknown municipality number %(code)s") % {"code": code})
            pk, name = self.municipalities[code]
            return RegionSpec(
                RegionKind.MUNICIPALITY,
                code,
                name,
                municipality_id=pk,
                renumbered_from=renumbered_from,
            )
        if COUNTY.match(code):
            if code not in self.counties:
                raise UnknownRegion(_("unknown county number %(code)s") % {"code": code})
            pk, name = self.counties[code]
            return RegionSpec(RegionKind.COUNTY, code, name, county_id=pk)
        if code in self.districts:
            return RegionSpec(RegionKind.DISTRICT, code, self.districts[code])
        raise UnknownRegion(_("unknown region code “%(code)s”") % {"code": code})
