"""Greedy utilitarian welfare, exactly as pabutools 1.2.3 computes it for additive satisfaction.

Projects are ordered by satisfaction per unit of cost (total satisfaction divided by cost;
infinite for a supported free project, zero for an unsupported one), ties broken by the
tie-breaking order; then, in that order, every project that still fits the remaining
money is funded. Densities are exact fractions, so no decision depends on rounding.
"""

from __future__ import annotations

from fractions import Fraction

from medvirk.algorithms.pb.explain import ProjectExplanation, money
from medvirk.algorithms.pb.rules.support import Support


def _density_key(support: Support, project: int) -> tuple[int, Fraction, int]:
    """Sort key: supported free projects first, then by falling density, then tie rank."""
    total = support.total_sat(project)
    cost = support.costs[project]
    if total > 0 and cost == 0:
        return (0, Fraction(0), int(support.rank[project]))
    density = total / cost if total > 0 else Fraction(0)
    return (1, -density, int(support.rank[project]))


def greedy_fill(
    support: Support,
    selected: list[int],
    explanations: dict[str, ProjectExplanation],
    stage: str,
) -> None:
    """Fund, greedily by density, every project that fits the money left after ``selected``.

    Appends to ``selected`` and writes an explanation for every project it considers.
    ``stage`` names the step in the texts ("greedy" or "greedy completion").
    """
    chosen = set(selected)
    remaining = support.budget - sum((support.costs[p] for p in selected), Fraction(0))
    order = sorted(
        (p for p in range(support.num_projects) if p not in chosen),
        key=lambda p: _density_key(support, p),
    )
    for position, project in enumerate(order, start=1):
        cost = support.costs[project]
        votes = len(support.supporters[project])
        facts: dict[str, object] = {
            "stage": stage,
            "position": position,
            "supporters": votes,
            "cost": float(cost),
            "money_left_before": float(remaining),
        }
        if cost <= remaining:
            selected.append(project)
            remaining -= cost
            text = (
                f"Funded by {stage}: {votes} supporters, {position}. in order of satisfaction "
                f"per cost; it cost {money(cost)} and {money(remaining)} was left after it."
            )
            explanations[support.ids[project]] = ProjectExplanation(
                support.ids[project], True, text, facts
            )
        else:
            lacked = cost - remaining
            text = (
                f"Not funded by {stage}: when its turn came ({position}. in order of "
                f"satisfaction per cost, {votes} supporters) only {money(remaining)} was "
                f"left, and it costs {money(cost)}; it lacked {money(lacked)}."
            )
            facts["lacked"] = float(lacked)
            earlier = explanations.get(support.ids[project])
            if earlier is not None:
                text = f"{earlier.text} {text}"
                facts = {**earlier.facts, "completion": facts}
            explanations[support.ids[project]] = ProjectExplanation(
                support.ids[project], False, text, facts
            )
