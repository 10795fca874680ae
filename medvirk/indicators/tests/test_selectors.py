"""Reads: fiscal-rule verdicts, series beside the KOSTRA group and the country, ranking
in the KOSTRA group, SDG trends and the peer finder over the real data."""

from __future__ import annotations

from typing import Any

import pytest

from medvirk.indicators import selectors
from medvirk.indicators.demo import DISPOSITION_FUND, SELF_FINANCING, load_demo_set
from medvirk.indicators.models import Comparison, FiscalRule, Indicator
from medvirk.indicators.reference import reference_data
from medvirk.indicators.services import observations_save


@pytest.fixture
def demo(norway: Any) -> dict[str, Any]:
    """The real finance figures and cost-need index, and Drammen's demo set."""
    finance, _extract, cost_need, _roads = reference_data()
    observations_save(prepared=finance)
    observations_save(prepared=cost_need)
    for code in (DISPOSITION_FUND, SELF_FINANCING):  # from the extract, no Drammen figures
        Indicator.objects.create(code=code, name_nb=code, unit="%")
    load_demo_set(norway["3301"])
    return norway


def _rule(**fields: Any) -> FiscalRule:
    defaults = {
        "comparison": Comparison.AT_LEAST,
        "threshold": 1.75,
        "first_year": 2024,
        "amber_margin": 0.5,
    }
    return FiscalRule(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("comparison", "value", "colour"),
    [
        (Comparison.AT_LEAST, 1.75, "green"),
        (Comparison.AT_LEAST, 1.25, "amber"),
        (Comparison.AT_LEAST, 1.24, "red"),
        (Comparison.AT_MOST, 1.75, "green"),
        (Comparison.AT_MOST, 2.0, "amber"),
        (Comparison.AT_MOST, 2.5, "red"),
    ],
)
def test_fiscal_verdict_colours(comparison: str, value: float, colour: str) -> None:
    """At the threshold the rule holds; within the margin on the wrong side it nearly
    holds; beyond that it fails."""
    verdict = selectors.fiscal_verdict(_rule(comparison=comparison), 2024, value)
    assert verdict.colour == colour


def test_rising_threshold() -> None:
    """15 % in 2024 rising to 20 % by 2028: 16.25 % in 2025, 20 % from 2028 on."""
    rule = _rule(threshold=15.0, target_threshold=20.0, target_year=2028)
    assert [rule.threshold_for(y) for y in (2023, 2024, 2025, 2028, 2030)] == [
        15.0,
        15.0,
        16.25,
        20.0,
        20.0,
    ]


def test_a_missing_figure_gets_no_colour() -> None:
    """A year whose figure is a status symbol gets no verdict, and keeps the symbol."""
    verdict = selectors.fiscal_verdict(_rule(), 2024, None, "..")
    assert verdict.colour is None and verdict.status == ".."


def test_drammen_demo_verdicts_use_real_figures(demo: Any) -> None:
    """Drammen: net operating result 1.1 % (2024, nearly holds) and 3.59 % (2025,
    holds); net debt about 102 % and 100 % of revenues (fails); the disposition fund and
    self-financing rules have no figures, so no verdict."""
    rules = {
        r.rule.indicator.code: r for r in selectors.fiscal_rule_verdicts(municipality=demo["3301"])
    }
    ndr = rules["NDR_PCT_DERIVED"]
    assert [(v.year, v.value, v.colour) for v in ndr.verdicts] == [
        (2024, 1.1, "amber"),
        (2025, 3.59, "green"),
    ]
    debt = rules["DEBT_PCT_DERIVED"]
    assert [v.colour for v in debt.verdicts] == ["red", "red"]
    assert debt.verdicts[0].value == pytest.approx(102.44, abs=0.01)
    no_data = [
        r for code, r in rules.items() if code not in {"NDR_PCT_DERIVED", "DEBT_PCT_DERIVED"}
    ]
    assert len(no_data) == 2 and not any(r.has_data for r in no_data)


def test_series_beside_kostra_group_and_country(demo: Any) -> None:
    """Drammen's series sits beside SSB's own EKG12 and EAK figures."""
    indicator = Indicator.objects.get(code="NDR_PCT_DERIVED")
    table = selectors.indicator_series(indicator=indicator, municipality=demo["3301"])
    assert [s.region_code for s in table.series] == ["3301", "EKG12", "EAK"]
    assert table.periods == ("2024", "2025")
    values = {s.region_code: [p.value for p in s.points] for s in table.series}
    assert values == {"3301": [1.1, 3.59], "EKG12": [0.08, 3.21], "EAK": [-0.42, 2.3]}


def test_place_in_kostra_group(demo: Any) -> None:
    """Comparison ranks the chosen municipalities best first and gives Drammen's place
    among the municipalities of EKG12."""
    indicator = Indicator.objects.get(code="NDR_PCT_DERIVED")
    result = selectors.indicator_compare(
        indicator=indicator, municipality=demo["3301"], numbers=["3907", "3201"], period="2025"
    )
    assert [r.region_code for r in result.chosen] == ["3907", "3301", "3201"] or result.chosen[
        0
    ].value >= result.chosen[1].value
    assert [r.rank for r in result.chosen] == [1, 2, 3]
    assert result.group_size == 11
    assert result.group_place is not None and 1 <= result.group_place <= 11


def test_sdg_progress_trend_and_direction(demo: Any) -> None:
    """Net operating result for goal 8 rose from 1.1 to 3.59 and higher is better: good."""
    goals = {g.goal: g for g in selectors.sdg_progress(municipality=demo["3301"])}
    row = next(r for r in goals[8].rows if r.mapping.indicator.code == "NDR_PCT_DERIVED")
    assert (row.trend, row.assessment) == ("up", "better")


def test_peer_finder_over_real_data(demo: Any) -> None:
    """Asked for municipalities like Drammen (population, density, cost-need index, all
    real) that have a better net operating result, every answer does better and the
    list runs from most to least similar; peers' experience entries are attached."""
    result = selectors.peer_find(
        municipality=demo["3301"],
        context=["population", "density", "DKI"],
        targets=["NDR_PCT_DERIVED"],
        limit=50,
    )
    peers = result.answer.peers
    assert peers
    assert all(p.targets[0].better and (p.targets[0].value or 0) > 3.59 for p in peers)
    similarities = [p.similarity for p in peers]
    assert similarities == sorted(similarities, reverse=True)
    assert "3301" not in {p.row for p in peers}
    assert "3907" in result.experiences  # Sandefjord has published entries


def test_indicator_list_runs_a_fixed_number_of_queries(
    demo: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    """The key-figure list costs the same few queries however many indicators exist."""
    with django_assert_max_num_queries(8):
        response = client.get("/" + demo["3301"].slug + "/indikatorer/")
    assert response.status_code == 200


def test_series_adds_the_country_without_oslo_when_ssb_gives_it(norway: Any) -> None:
    """EAKUO joins the series when the indicator has it, and stays out otherwise."""
    from medvirk.indicators.services import observations_import_csv

    observations_import_csv(
        text="indicator,region,period,value,indicator_name\n"
        "T,3301,2024,1,T\nT,EAK,2024,2,T\nT,EAKUO,2024,3,T\nU,3301,2024,1,U\n"
    )
    with_it = selectors.indicator_series(
        indicator=Indicator.objects.get(code="T"), municipality=norway["3301"]
    )
    assert [s.region_code for s in with_it.series] == ["3301", "EKG12", "EAK", "EAKUO"]
    assert with_it.series[3].points[0].value == 3.0
    without = selectors.indicator_series(
        indicator=Indicator.objects.get(code="U"), municipality=norway["3301"]
    )
    assert [s.region_code for s in without.series] == ["3301", "EKG12", "EAK"]


def test_demo_refers_only_to_indicators_that_exist() -> None:
    """Every extract indicator the demo's SDG mapping, rules and experiences name is in
    the shipped KOSTRA extract (a typo would silently drop a row)."""
    import csv

    from medvirk.indicators.demo import EXPERIENCES, SDG_DEMO
    from medvirk.indicators.reference import DATA_DIR, extract_code

    path = DATA_DIR / "lorenskog-kostra-2025-long.kommunebarometer.csv"
    with path.open(encoding="utf-8") as handle:
        codes = {extract_code(row["indikator"]) for row in csv.DictReader(handle)}
    named = {code for _goal, code in SDG_DEMO} | {c for entry in EXPERIENCES for c in entry[8]}
    named |= {DISPOSITION_FUND, SELF_FINANCING}
    assert {c for c in named if c.startswith("kb.")} <= codes
