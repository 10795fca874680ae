"""Reads about indicators: series for a region beside its KOSTRA group and the country,
comparisons and rankings, fiscal-rule verdicts, SDG progress, peer-finder answers and
the experience library. Views and the API call these."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from medvirk.algorithms.peers import (
    ContextMeasure,
    PeerAnswer,
    PeerMatrix,
    TargetMeasure,
    find_peers,
)
from medvirk.indicators.models import (
    Comparison,
    ExperienceEntry,
    FiscalRule,
    ImportJob,
    Indicator,
    Observation,
    Region,
    RegionKind,
    SdgMapping,
)
from medvirk.places.models import Municipality

STATUS_MEANINGS = {
    ".": "not applicable",
    "..": "not available",
    "...": "not yet available",
    ":": "confidential",
    "-": "nil",
}


def status_meaning(symbol: str) -> str:
    """SSB's status symbol in words, in the current language."""
    meanings = {
        ".": _("Not applicable: the figure cannot occur"),
        "..": _("Not available: the data are missing"),
        "...": _("Not yet available"),
        ":": _("Confidential: not shown to protect privacy"),
        "-": _("Nil"),
        "0": _("Less than half the unit"),
    }
    return meanings.get(symbol, symbol)


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("theme", "name_nb")


def indicator_get(*, code: str) -> Indicator:
    try:
        return Indicator.objects.get(code=code)
    except Indicator.DoesNotExist as exc:
        raise Http404("indicator") from exc


def municipality_region(municipality: Municipality) -> Region | None:
    return Region.objects.filter(municipality=municipality).first()


@dataclass(frozen=True)
class Point:
    period: str
    value: float | None
    status: str

    @property
    def status_text(self) -> str:
        return status_meaning(self.status) if self.status else ""


@dataclass(frozen=True)
class Series:
    region_code: str
    label: str
    role: str  # "home", "group", "country", "other"
    points: tuple[Point, ...]

    def value_at(self, period: str) -> Point | None:
        for point in self.points:
            if point.period == period:
                return point
        return None


@dataclass(frozen=True)
class SeriesTable:
    indicator: Indicator
    periods: tuple[str, ...]
    series: tuple[Series, ...]

    def rows(self) -> list[tuple[str, list[Point | None]]]:
        """One row per period with one cell per series (None: no observation)."""
        return [(period, [s.value_at(period) for s in self.series]) for period in self.periods]


def comparison_regions(municipality: Municipality) -> list[tuple[str, str]]:
    """The municipality's own code, its KOSTRA group and the country with and without
    Oslo: (code, role)."""
    regions = [(municipality.number, "home")]
    if municipality.kostra_group:
        regions.append((municipality.kostra_group, "group"))
    regions += [("EAK", "country"), ("EAKUO", "country")]
    return regions


def indicator_series(
    *, indicator: Indicator, municipality: Municipality, extra: Sequence[str] = ()
) -> SeriesTable:
    """The indicator for the municipality beside its KOSTRA group and the country (SSB's
    own ``EKGnn``, ``EAK`` and, where SSB gives it, ``EAKUO`` figures, never
    re-aggregated here), plus any extra region codes. One query."""
    wanted = comparison_regions(municipality) + [(code, "other") for code in extra]
    codes = [code for code, _role in wanted]
    observations = (
        Observation.objects.filter(indicator=indicator, region__code__in=codes)
        .select_related("region")
        .order_by("period")
    )
    by_region: dict[str, list[Point]] = defaultdict(list)
    names: dict[str, str] = {}
    periods: set[str] = set()
    for observation in observations:
        by_region[observation.region.code].append(
            Point(observation.period, observation.value, observation.status)
        )
        names[observation.region.code] = observation.region.name
        periods.add(observation.period)
    series = []
    for code, role in wanted:
        label = names.get(code) or (municipality.name if role == "home" else code)
        if role == "group":
            label = _("KOSTRA group %(number)s") % {"number": int(code[3:])}
        elif role == "country" and code == "EAK":
            label = _("Norway (all municipalities)")
        elif role == "country" and code == "EAKUO":
            if code not in by_region:
                continue  # SSB publishes it for some tables only
            label = _("Norway without Oslo")
        series.append(Series(code, label, role, tuple(by_region.get(code, []))))
    return SeriesTable(indicator=indicator, periods=tuple(sorted(periods)), series=tuple(series))


@dataclass(frozen=True)
class LatestValue:
    indicator: Indicator
    period: str | None
    value: float | None
    status: str


def indicator_overview(*, municipality: Municipality) -> list[LatestValue]:
    """Every indicator with the municipality's latest observation. Two queries."""
    latest: dict[int, Observation] = {}
    for observation in Observation.objects.filter(region__municipality=municipality).order_by(
        "indicator_id", "period"
    ):
        latest[observation.indicator_id] = observation
    result = []
    for indicator in indicator_list():
        found = latest.get(indicator.pk)
        result.append(
            LatestValue(
                indicator,
                found.period if found else None,
                found.value if found else None,
                found.status if found else "",
            )
        )
    return result


@dataclass(frozen=True)
class RankedValue:
    rank: int | None
    region_code: str
    name: str
    value: float | None
    status: str
    is_home: bool
    kostra_group: str


@dataclass(frozen=True)
class ComparisonResult:
    indicator: Indicator
    period: str | None
    chosen: tuple[RankedValue, ...]
    group: tuple[RankedValue, ...]
    group_place: int | None
    group_size: int


def _rank(
    values: list[tuple[str, str, float | None, str, str]], home: str, higher_is_better: bool | None
) -> list[RankedValue]:
    numeric = sorted(
        (v for v in values if v[2] is not None),
        key=lambda v: (-(v[2] or 0.0) if higher_is_better is not False else (v[2] or 0.0), v[1]),
    )
    ranked = [
        RankedValue(i, code, name, value, status, code == home, group)
        for i, (code, name, value, status, group) in enumerate(numeric, start=1)
    ]
    ranked += [
        RankedValue(None, code, name, value, status, code == home, group)
        for code, name, value, status, group in values
        if value is None
    ]
    return ranked


def indicator_periods(*, indicator: Indicator) -> list[str]:
    return list(
        Observation.objects.filter(indicator=indicator)
        .values_list("period", flat=True)
        .distinct()
        .order_by("-period")
    )


def indicator_compare(
    *,
    indicator: Indicator,
    municipality: Municipality,
    numbers: Sequence[str],
    period: str | None = None,
) -> ComparisonResult:
    """The municipality beside chosen others for one period (the latest by default),
    ranked (best first when the indicator has a direction), and its place among the
    municipalities of its KOSTRA group."""
    if period is None:
        periods = indicator_periods(indicator=indicator)
        period = periods[0] if periods else None
    group = municipality.kostra_group
    rows = (
        Observation.objects.filter(
            indicator=indicator, period=period, region__kind=RegionKind.MUNICIPALITY
        )
        .filter(
            Q(region__code__in=[municipality.number, *numbers])
            | Q(region__municipality__kostra_group=group)
            if group
            else Q(region__code__in=[municipality.number, *numbers])
        )
        .values_list(
            "region__code", "region__name", "value", "status", "region__municipality__kostra_group"
        )
    )
    rows_list = list(rows)
    chosen_codes = {municipality.number, *numbers}
    chosen = [r for r in rows_list if r[0] in chosen_codes]
    found = {r[0] for r in chosen}
    names = dict(
        Municipality.objects.filter(number__in=chosen_codes - found).values_list("number", "name")
    )
    chosen += [(code, name, None, "", "") for code, name in names.items()]
    in_group = [r for r in rows_list if group and r[4] == group]
    direction = indicator.higher_is_better
    ranked_group = _rank(in_group, municipality.number, direction)
    place = next((r.rank for r in ranked_group if r.is_home), None)
    return ComparisonResult(
        indicator=indicator,
        period=period,
        chosen=tuple(_rank(chosen, municipality.number, direction)),
        group=tuple(ranked_group),
        group_place=place,
        group_size=sum(1 for r in ranked_group if r.rank is not None),
    )


# --- fiscal rules --------------------------------------------------------------------------

GREEN, AMBER, RED = "green", "amber", "red"


@dataclass(frozen=True)
class Verdict:
    year: int
    value: float | None
    status: str  # SSB status symbol when there is no value
    threshold: float
    colour: str | None  # green, amber, red; None without a value
    margin: float | None  # how far on the right side (+) or wrong side (-)

    @property
    def status_text(self) -> str:
        return status_meaning(self.status) if self.status else ""


@dataclass(frozen=True)
class RuleVerdicts:
    rule: FiscalRule
    verdicts: tuple[Verdict, ...]
    source: str

    @property
    def has_data(self) -> bool:
        return any(v.value is not None for v in self.verdicts)


def fiscal_verdict(rule: FiscalRule, year: int, value: float | None, status: str = "") -> Verdict:
    """Green when the rule holds, amber when it fails by no more than the rule's margin,
    red when it fails by more."""
    threshold = rule.threshold_for(year)
    if value is None:
        return Verdict(year, None, status, threshold, None, None)
    margin = value - threshold if rule.comparison == Comparison.AT_LEAST else threshold - value
    margin = round(margin, 10)
    if margin >= 0:
        colour = GREEN
    elif -margin <= rule.amber_margin:
        colour = AMBER
    else:
        colour = RED
    return Verdict(year, value, status, threshold, colour, margin)


def fiscal_rule_verdicts(*, municipality: Municipality) -> list[RuleVerdicts]:
    """Each rule of the municipality with a verdict for every year it has a figure.
    Two queries."""
    rules = list(FiscalRule.objects.filter(municipality=municipality).select_related("indicator"))
    observations = Observation.objects.filter(
        region__municipality=municipality, indicator_id__in=[r.indicator_id for r in rules]
    ).order_by("period")
    by_indicator: dict[int, list[Observation]] = defaultdict(list)
    for observation in observations:
        by_indicator[observation.indicator_id].append(observation)
    result = []
    for rule in rules:
        verdicts = []
        sources = set()
        for observation in by_indicator.get(rule.indicator_id, []):
            year = int(observation.period[:4])
            if year < rule.first_year:
                continue
            verdicts.append(fiscal_verdict(rule, year, observation.value, observation.status))
            sources.add(observation.source)
        result.append(RuleVerdicts(rule, tuple(verdicts), ", ".join(sorted(sources))))
    return result


# --- SDG -----------------------------------------------------------------------------------

SDG_GOALS = range(1, 18)


def sdg_goal_name(goal: int) -> str:
    names = {
        1: _("No poverty"),
        2: _("Zero hunger"),
        3: _("Good health and well-being"),
        4: _("Quality education"),
        5: _("Gender equality"),
        6: _("Clean water and sanitation"),
        7: _("Affordable and clean energy"),
        8: _("Decent work and economic growth"),
        9: _("Industry, innovation and infrastructure"),
        10: _("Reduced inequalities"),
        11: _("Sustainable cities and communities"),
        12: _("Responsible consumption and production"),
        13: _("Climate action"),
        14: _("Life below water"),
        15: _("Life on land"),
        16: _("Peace, justice and strong institutions"),
        17: _("Partnerships for the goals"),
    }
    return str(names[goal])


@dataclass(frozen=True)
class SdgRow:
    mapping: SdgMapping
    first: Point | None
    last: Point | None
    trend: str  # "up", "down", "flat", "" (too little data)
    assessment: str  # "better", "worse", "unchanged", "" (no direction or no trend)


@dataclass
class SdgGoal:
    goal: int
    name: str
    rows: list[SdgRow] = field(default_factory=list)


def sdg_progress(*, municipality: Municipality) -> list[SdgGoal]:
    """The municipality's SDG mapping, each indicator with its first and latest value,
    its trend and whether that trend is good given its direction. Two queries."""
    mappings = list(
        SdgMapping.objects.filter(municipality=municipality)
        .select_related("indicator")
        .order_by("goal", "indicator__name_nb")
    )
    series: dict[int, list[Point]] = defaultdict(list)
    for observation in Observation.objects.filter(
        region__municipality=municipality,
        indicator_id__in={m.indicator_id for m in mappings},
    ).order_by("period"):
        series[observation.indicator_id].append(
            Point(observation.period, observation.value, observation.status)
        )
    goals = {goal: SdgGoal(goal, sdg_goal_name(goal)) for goal in SDG_GOALS}
    for mapping in mappings:
        points = [p for p in series.get(mapping.indicator_id, []) if p.value is not None]
        first = points[0] if points else None
        last = points[-1] if points else None
        trend = assessment = ""
        if first and last and first.period != last.period:
            delta = (last.value or 0.0) - (first.value or 0.0)
            trend = "up" if delta > 0 else "down" if delta < 0 else "flat"
            direction = mapping.indicator.higher_is_better
            if direction is not None:
                if trend == "flat":
                    assessment = "unchanged"
                else:
                    assessment = "better" if (trend == "up") == direction else "worse"
        goals[mapping.goal].rows.append(SdgRow(mapping, first, last, trend, assessment))
    return list(goals.values())


# --- the peer finder --------------------------------------------------------------------

BUILT_IN_CONTEXT = ("population", "area", "density", "kostra_group")
# sizes are compared by ratio (on a log scale), see medvirk.algorithms.peers
LOG_SCALE = frozenset({"population", "area", "density"})


def context_measure_name(code: str) -> str:
    names = {
        "population": _("Population"),
        "area": _("Area (km²)"),
        "density": _("Residents per km²"),
        "kostra_group": _("KOSTRA group"),
    }
    return str(names.get(code, code))


def peer_matrix(*, indicator_codes: Sequence[str]) -> tuple[PeerMatrix, dict[str, Municipality]]:
    """Every municipality × (population, area, density, the indicators' latest values),
    with the KOSTRA group as a category. Two queries."""
    municipalities = {m.number: m for m in Municipality.objects.all()}
    data: dict[str, dict[str, float | None]] = {}
    for number, m in municipalities.items():
        area = float(m.area_km2) if m.area_km2 else None
        data[number] = {
            "population": float(m.population) if m.population else None,
            "area": area,
            "density": (m.population / area) if m.population and area else None,
        }
        for code in indicator_codes:
            data[number].setdefault(code, None)
    observations = (
        Observation.objects.filter(
            indicator__code__in=indicator_codes,
            region__kind=RegionKind.MUNICIPALITY,
            value__isnull=False,
        )
        .order_by("period")
        .values_list("region__code", "indicator__code", "value")
    )
    for number, code, value in observations:  # later periods overwrite earlier ones
        if number in data:
            data[number][code] = value
    matrix = PeerMatrix.from_rows(
        data, categories={"kostra_group": {n: m.kostra_group for n, m in municipalities.items()}}
    )
    return matrix, municipalities


@dataclass(frozen=True)
class PeerResult:
    answer: PeerAnswer
    municipalities: dict[str, Municipality]
    indicators: dict[str, Indicator]
    experiences: dict[str, list[ExperienceEntry]]

    def measure_name(self, code: str) -> str:
        indicator = self.indicators.get(code)
        return indicator.name if indicator else context_measure_name(code)


def peer_find(
    *,
    municipality: Municipality,
    context: Sequence[str],
    targets: Sequence[str],
    weights: dict[str, float] | None = None,
    limit: int = 10,
) -> PeerResult:
    """Answer "which municipalities face challenges like ours, and do better on these
    indicators?" with the pure peer finder, and the experience entries each peer has
    published."""
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=[*context, *targets])}
    indicator_codes = [c for c in [*context, *targets] if c in indicators]
    matrix, municipalities = peer_matrix(indicator_codes=indicator_codes)
    weights = weights or {}
    answer = find_peers(
        matrix,
        home=municipality.number,
        context=[
            ContextMeasure(code, weights.get(code, 1.0), log=code in LOG_SCALE) for code in context
        ],
        targets=[
            TargetMeasure(code, higher_is_better=indicators[code].higher_is_better is not False)
            for code in targets
        ],
        limit=limit,
    )
    numbers = [peer.row for peer in answer.peers]
    experiences: dict[str, list[ExperienceEntry]] = defaultdict(list)
    for entry in ExperienceEntry.objects.filter(
        municipality__number__in=numbers, is_published=True
    ).select_related("municipality"):
        experiences[entry.municipality.number].append(entry)
    return PeerResult(answer, municipalities, indicators, dict(experiences))


def peer_measure_choices() -> list[tuple[str, str]]:
    """Measures the peer finder can use: the built-in context and every indicator with
    values for at least a tenth of the municipalities."""
    choices = [(code, context_measure_name(code)) for code in BUILT_IN_CONTEXT]
    counts: dict[int, int] = defaultdict(int)
    widely = (
        Observation.objects.filter(region__kind=RegionKind.MUNICIPALITY, value__isnull=False)
        .values_list("indicator_id", "region_id")
        .distinct()
    )
    for indicator_id, _region in widely:
        counts[indicator_id] += 1
    total = max(Municipality.objects.count(), 1)
    for indicator in Indicator.objects.filter(
        pk__in=[k for k, v in counts.items() if v >= math.ceil(total / 10)]
    ):
        choices.append((indicator.code, indicator.name))
    return choices


def district_engagement(*, district: Any) -> list[Observation]:
    """The latest value of each engagement measure for the district. One query."""
    latest: dict[int, Observation] = {}
    for observation in (
        Observation.objects.filter(region__district=district)
        .select_related("indicator")
        .order_by("indicator_id", "period")
    ):
        latest[observation.indicator_id] = observation
    return sorted(latest.values(), key=lambda o: o.indicator.name_nb)


# --- experiences, jobs -------------------------------------------------------------------


def experience_search(
    *, goal: int | None = None, theme: str = "", indicator: str = "", text: str = ""
) -> QuerySet[ExperienceEntry]:
    entries = (
        ExperienceEntry.objects.filter(is_published=True)
        .select_related("municipality")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("name_nb")))
        .order_by("-updated_at", "pk")
    )
    if goal:
        # JSON containment is not portable to SQLite; the library is small
        matching = [
            pk
            for pk, goals in ExperienceEntry.objects.values_list("pk", "goals")
            if goal in (goals or [])
        ]
        entries = entries.filter(pk__in=matching)
    if theme:
        entries = entries.filter(theme__iexact=theme)
    if indicator:
        entries = entries.filter(indicators__code=indicator)
    if text:
        entries = entries.filter(
            Q(title__icontains=text)
            | Q(challenge__icontains=text)
            | Q(what_was_done__icontains=text)
            | Q(results__icontains=text)
        )
    return entries


def experience_themes() -> list[str]:
    return sorted(
        set(ExperienceEntry.objects.filter(is_published=True).values_list("theme", flat=True))
    )


def experience_get(*, pk: int) -> ExperienceEntry:
    try:
        return (
            ExperienceEntry.objects.select_related("municipality")
            .prefetch_related("indicators")
            .get(pk=pk, is_published=True)
        )
    except ExperienceEntry.DoesNotExist as exc:
        raise Http404("experience") from exc


def import_job_get(*, pk: int) -> ImportJob:
    try:
        return ImportJob.objects.get(pk=pk)
    except ImportJob.DoesNotExist as exc:
        raise Http404("job") from exc
