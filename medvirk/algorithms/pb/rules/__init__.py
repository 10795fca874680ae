"""The PB rules, all with one calling convention: ``rule(election, satisfaction, tie_breaking)``.

* :func:`greedy_utilitarian`: greedy utilitarian welfare;
* :func:`equal_shares`: the Method of Equal Shares, with ``completion`` ``"none"``,
  ``"greedy"`` (greedy on the money left) or ``"add1"`` (raise every voter's share one
  unit at a time while the outcome stays within budget, then greedy);
* :func:`compute_outcome` dispatches on the rule's name.

Outcomes are identical to pabutools 1.2.3's resolute outcomes with the same options.
"""

from __future__ import annotations

from fractions import Fraction

from medvirk.algorithms.pb.explain import Outcome, ProjectExplanation
from medvirk.algorithms.pb.model import Election
from medvirk.algorithms.pb.options import COMPLETIONS
from medvirk.algorithms.pb.rules.greedy import greedy_fill
from medvirk.algorithms.pb.rules.mes import explain_mes, run_mes, run_mes_add_one
from medvirk.algorithms.pb.rules.support import Support, build_support

__all__ = [
    "compute_outcome",
    "equal_shares",
    "greedy_utilitarian",
]


def _outcome(
    support: Support,
    selected: list[int],
    explanations: dict[str, ProjectExplanation],
    rule: str,
    satisfaction: str,
    completion: str,
    tie_breaking: str,
) -> Outcome:
    return Outcome(
        rule=rule,
        satisfaction=satisfaction,
        completion=completion,
        tie_breaking=tie_breaking,
        selected=[support.ids[p] for p in selected],
        spent=sum((support.costs[p] for p in selected), Fraction(0)),
        budget=support.budget,
        explanations={pid: explanations[pid] for pid in support.ids},
    )


def greedy_utilitarian(
    election: Election, satisfaction: str = "cost", tie_breaking: str = "lexicographic"
) -> Outcome:
    """Greedy utilitarian welfare: fund by satisfaction per cost while money lasts."""
    support = build_support(election, satisfaction, tie_breaking)
    selected: list[int] = []
    explanations: dict[str, ProjectExplanation] = {}
    greedy_fill(support, selected, explanations, "greedy")
    return _outcome(support, selected, explanations, "greedy", satisfaction, "none", tie_breaking)


def equal_shares(
    election: Election,
    satisfaction: str = "cost",
    tie_breaking: str = "lexicographic",
    completion: str = "none",
) -> Outcome:
    """The Method of Equal Shares, optionally completed (``none``, ``greedy`` or ``add1``)."""
    if completion not in COMPLETIONS:
        raise ValueError(f"unknown completion {completion!r}")
    support = build_support(election, satisfaction, tie_breaking)
    if completion == "add1":
        result = run_mes_add_one(support)
    else:
        result = run_mes(support, support.budget / max(support.num_voters, 1))
    explanations: dict[str, ProjectExplanation] = {}
    explain_mes(support, result, explanations)
    selected = result.selected
    if completion != "none":
        greedy_fill(support, selected, explanations, "greedy completion")
    return _outcome(support, selected, explanations, "mes", satisfaction, completion, tie_breaking)


def compute_outcome(
    election: Election,
    rule: str,
    satisfaction: str = "cost",
    tie_breaking: str = "lexicographic",
    completion: str = "none",
) -> Outcome:
    """Run the named rule (``greedy`` or ``mes``) with the given options."""
    if rule == "greedy":
        if completion != "none":
            raise ValueError("greedy needs no completion: it already spends what fits")
        return greedy_utilitarian(election, satisfaction, tie_breaking)
    if rule == "mes":
        return equal_shares(election, satisfaction, tie_breaking, completion)
    raise ValueError(f"unknown rule {rule!r}")
