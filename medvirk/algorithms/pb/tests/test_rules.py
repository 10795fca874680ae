"""Greedy and the Method of Equal Shares on hand-made elections with known outcomes."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from medvirk.algorithms.pb.pabulib import read_pabulib
from medvirk.algorithms.pb.rules import compute_outcome, equal_shares, greedy_utilitarian
from medvirk.algorithms.pb.rules.mes import MesResult, run_mes, run_mes_add_one
from medvirk.algorithms.pb.rules.support import Support, build_support
from medvirk.algorithms.pb.tests.helpers import approval_election, three_project_election
from medvirk.testing.shared_data import shared_data_dir

pytestmark = pytest.mark.usefixtures("mes_kernel")


def naive_mes(
    costs: dict[str, int] | dict[str, Fraction],
    ballots: list[list[str]],
    budget: int | Fraction,
    cost_sat: bool,
) -> list[str]:
    """Textbook MES with exact fractions, one voter at a time, lexicographic ties."""
    share = Fraction(budget, len(ballots))
    money = [share] * len(ballots)
    left = {p for p in costs if any(p in b for b in ballots) and costs[p] > 0}
    chosen: list[str] = []
    while True:
        best = None
        for p in sorted(left):
            fans = sorted((i for i, b in enumerate(ballots) if p in b), key=lambda i: money[i])
            if sum(money[i] for i in fans) < costs[p]:
                continue
            paid, price = Fraction(0), None
            for k, i in enumerate(fans):
                cap = (costs[p] - paid) / (len(fans) - k)
                if cap <= money[i]:
                    price = cap
                    break
                paid += money[i]
            assert price is not None
            rho = price / (costs[p] if cost_sat else 1)
            if best is None or rho < best[0]:
                best = (rho, p, price, fans)
        if best is None:
            return chosen
        _, p, price, fans = best
        for i in fans:
            money[i] -= min(money[i], price)
        chosen.append(p)
        left.discard(p)


def random_election(seed: int) -> tuple[dict[str, int], list[list[str]], int]:
    """A small random approval election with round costs, so that exact ties happen."""
    rng = random.Random(seed)
    costs = {f"p{j}": rng.choice([10, 20, 30, 40, 60]) for j in range(rng.randint(3, 7))}
    ballots = [
        rng.sample(sorted(costs), rng.randint(1, min(3, len(costs))))
        for _ in range(rng.randint(3, 25))
    ]
    return costs, ballots, rng.choice([50, 100, 120])


def assert_mes_equals_naive(
    costs: dict[str, int] | dict[str, Fraction],
    ballots: list[list[str]],
    budget: int | Fraction,
    cost_sat: bool,
) -> None:
    election = approval_election(budget, costs, ballots)
    satisfaction = "cost" if cost_sat else "cardinality"
    assert equal_shares(election, satisfaction).selected == naive_mes(
        costs, ballots, budget, cost_sat
    )


def assert_skipping_changes_nothing(support: Support) -> tuple[MesResult, MesResult]:
    """Add-one with skipping and checkpoints equals plain stepping, share included;
    both results are returned for further checks."""
    fast, slow = run_mes_add_one(support), run_mes_add_one(support, skip=False)
    assert fast.selected == slow.selected
    assert fast.share == slow.share
    return fast, slow


def test_greedy_cost_satisfaction_breaks_ties_by_id() -> None:
    """Equal support per cost: a and b fit in id order, c lacks 20 of its 40."""
    outcome = greedy_utilitarian(three_project_election(), "cost")
    assert outcome.selected == ["a", "b"]
    assert outcome.spent == 100
    assert not outcome.explanations["c"].selected
    assert outcome.explanations["c"].facts["lacked"] == 20
    assert "lacked 20" in outcome.explanations["c"].text


def test_greedy_cardinality_prefers_cheap_projects() -> None:
    """With cardinality satisfaction the two cheap projects win; a then does not fit."""
    outcome = greedy_utilitarian(three_project_election(), "cardinality")
    assert outcome.selected == ["b", "c"]
    assert outcome.explanations["a"].facts["lacked"] == 20


def test_mes_funds_each_group_its_share() -> None:
    """Each half of the voters gets its share: a for the first group, c for the second;
    b is dropped because a's supporters spent everything."""
    outcome = equal_shares(three_project_election(), "cost")
    assert outcome.selected == ["a", "c"]
    assert outcome.spent == 100
    a = outcome.explanations["a"]
    assert a.facts["round"] == 1
    assert a.facts["price_per_supporter"] == 20
    assert a.facts["effective_vote_count"] == 3
    b = outcome.explanations["b"]
    assert not b.selected
    assert b.facts["lacked"] == 40
    assert "lacked 40" in b.text


def test_mes_min_cost_tie_breaking() -> None:
    """Breaking the first-round tie for the cheapest project funds b, then c; a is dropped."""
    outcome = equal_shares(three_project_election(), "cost", tie_breaking="min-cost")
    assert outcome.selected == ["b", "c"]


def test_mes_completions_on_exhaustive_outcome() -> None:
    """When MES leaves too little for any project, greedy and add-one add nothing."""
    election = three_project_election()
    for completion in ("greedy", "add1"):
        assert equal_shares(election, "cost", completion=completion).selected == ["a", "c"]


def test_greedy_completion_spends_the_rest() -> None:
    """MES funds a for its three voters; greedy completion then adds b with the rest."""
    election = approval_election(100, {"a": 30, "b": 70}, [["a"]] * 3 + [["b"]])
    assert equal_shares(election, "cost").selected == ["a"]
    outcome = equal_shares(election, "cost", completion="greedy")
    assert outcome.selected == ["a", "b"]
    assert outcome.explanations["b"].facts["stage"] == "greedy completion"


def test_unsupported_project_is_explained() -> None:
    """A project nobody voted for is explained as such by MES."""
    election = approval_election(100, {"a": 30, "z": 10}, [["a"]] * 2)
    outcome = equal_shares(election, "cost")
    assert "no voter supports it" in outcome.explanations["z"].text


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("cost_sat", [True, False])
def test_mes_matches_naive_exact_mes(seed: int, cost_sat: bool) -> None:
    """On random small elections full of exact ties, MES equals a naive exact version."""
    assert_mes_equals_naive(*random_election(seed), cost_sat)


@pytest.mark.parametrize("seed", range(25))
def test_add_one_skipping_changes_nothing(seed: int) -> None:
    """Skipping steps inside the certified horizon gives the same add-one outcome."""
    costs, ballots, budget = random_election(seed)
    support = build_support(approval_election(budget, costs, ballots), "cost", "lexicographic")
    assert_skipping_changes_nothing(support)


def test_add_one_raises_shares_until_an_outcome_is_exhaustive() -> None:
    """Shares 25, 26, 27 fund nothing (b's two voters hold less than 55); at 28 b is funded
    and the 45 left cannot pay for a, so add-one stops there."""
    election = approval_election(100, {"a": 60, "b": 55}, [["a"]] * 2 + [["b"]] * 2)
    support = build_support(election, "cost", "lexicographic")
    assert run_mes(support, Fraction(25)).selected == []
    result = run_mes_add_one(support)
    assert result.share == 28
    assert [support.ids[p] for p in result.selected] == ["b"]
    outcome = equal_shares(election, "cost", completion="add1")
    assert outcome.selected == ["b"]
    assert outcome.explanations["b"].facts["share_per_voter"] == 28


def test_compute_outcome_refuses_unknown_options() -> None:
    """Unknown rules, completions or tie-breakings raise ValueError."""
    election = three_project_election()
    with pytest.raises(ValueError):
        compute_outcome(election, "lottery")
    with pytest.raises(ValueError):
        compute_outcome(election, "greedy", completion="add1")
    with pytest.raises(ValueError):
        compute_outcome(election, "mes", tie_breaking="coin")


def test_exact_tie_that_floats_get_wrong() -> None:
    """a (cost 0.3) and b (cost 3) each have three supporters, so both have rho exactly
    1/3; in floats a's comes out one unit in the last place above b's. The tie is decided
    exactly, by id: a first."""
    election = approval_election(100, {"b": 3, "a": 0.3}, [["a"]] * 3 + [["b"]] * 3)
    assert 0.30000000000000004 / 3 / 0.3 > 1 / 3  # what floats alone would decide
    assert equal_shares(election, "cost").selected == ["a", "b"]


def test_budget_equal_to_price_that_floats_get_wrong() -> None:
    """Each voter starts with 0.8; after paying 0.1 for c, each of a's three supporters has
    exactly 0.7 left, which is exactly a's price (2.1 / 3). In floats 0.8 - 0.1 is just
    above 0.7, as if they paid the price and kept a crumb; exactly, they pay all they have."""
    costs = {"a": Fraction("2.1"), "c": Fraction("0.3")}
    ballots = [["a", "c"]] * 3
    election = approval_election(Fraction("2.4"), costs, ballots)
    assert 0.8 - 0.1 > 0.7
    outcome = equal_shares(election, "cardinality")
    assert outcome.selected == naive_mes(costs, ballots, Fraction("2.4"), False) == ["c", "a"]
    assert outcome.explanations["a"].facts["partial_payers"] == 3
    assert outcome.explanations["a"].facts["full_payers"] == 0


def decimal_election(seed: int) -> tuple[dict[str, Fraction], list[list[str]], Fraction]:
    """A small random election with decimal costs (not exact in binary floating point),
    so that exact ties and budgets exactly equal to prices happen."""
    rng = random.Random(1000 + seed)
    costs = {
        f"p{j}": Fraction(rng.choice(["0.1", "0.2", "0.3", "0.6", "0.7"]))
        for j in range(rng.randint(3, 7))
    }
    ballots = [
        rng.sample(sorted(costs), rng.randint(1, min(3, len(costs))))
        for _ in range(rng.randint(3, 12))
    ]
    return costs, ballots, Fraction(rng.choice(["0.9", "1.2", "1.5"]))


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("cost_sat", [True, False])
def test_mes_matches_naive_exact_mes_with_decimal_costs(seed: int, cost_sat: bool) -> None:
    """With decimal costs, where floats are inexact, MES still equals the exact version."""
    assert_mes_equals_naive(*decimal_election(seed), cost_sat)


@pytest.mark.parametrize("seed", range(15))
def test_add_one_skipping_changes_nothing_with_decimal_costs(seed: int) -> None:
    """Skipping and plain stepping agree on elections with decimal costs too."""
    costs, ballots, budget = decimal_election(seed)
    election = approval_election(budget, costs, ballots)
    support = build_support(election, "cost", "lexicographic")
    assert_skipping_changes_nothing(support)


def test_add_one_starting_runs_from_checkpoints_changes_nothing() -> None:
    """On a real file where most of add-one's runs start from a checkpoint of the run
    before (Bemowo 2019, about 150 runs), the outcome equals plain stepping's."""
    election = read_pabulib(shared_data_dir("pabulib") / "Poland_Warszawa_2019_Bemowo.pb")
    support = build_support(election, "cost", "lexicographic")
    fast, slow = assert_skipping_changes_nothing(support)
    assert [p.price for p in fast.purchases] == [p.price for p in slow.purchases]
