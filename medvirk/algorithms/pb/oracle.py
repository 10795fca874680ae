"""Adapter that runs pabutools 1.2.3, the reference implementation, with our option names.

Used by ``scripts/pb_golden.py`` (which writes the golden outputs the tests compare
against) and by ``benchmarks/pb_vs_pabutools.py``. pabutools is a development
dependency only, so it is imported inside the functions.

The mapping of our options onto pabutools calls:

* ``greedy``: ``greedy_utilitarian_welfare(instance, profile, sat_class=S, tie_breaking=T)``;
* ``mes`` with completion ``none``: ``method_of_equal_shares(..., sat_class=S, tie_breaking=T)``;
* ``mes`` with completion ``greedy``: ``completion_by_rule_combination`` of that MES call
  and the greedy call;
* ``mes`` with completion ``add1``: the same, with ``voter_budget_increment=1`` given to MES.
"""

from __future__ import annotations

from typing import Any

from medvirk.algorithms.pb.options import COMPLETIONS, SATISFACTIONS


def combinations() -> list[tuple[str, str, str]]:
    """Every (rule, satisfaction, completion) that pabutools offers and we reproduce."""
    combos = [("greedy", sat, "none") for sat in SATISFACTIONS]
    combos += [("mes", sat, comp) for sat in SATISFACTIONS for comp in COMPLETIONS]
    return combos


def read_with_pabutools(path: str, multiprofile: bool = True) -> tuple[Any, Any]:
    """Parse a ``.pb`` file with pabutools' own reader.

    With ``multiprofile`` (the default) the profile is turned into pabutools' multiprofile
    (``profile.as_multiprofile()``), where identical ballots are one ballot with a
    multiplicity: pabutools' fastest documented mode, with the same outcomes. Without it
    every voter is a ballot of their own."""
    from pabutools.election import parse_pabulib

    instance, profile = parse_pabulib(path)
    return instance, (profile.as_multiprofile() if multiprofile else profile)


def run_pabutools(
    instance: Any,
    profile: Any,
    rule: str,
    satisfaction: str,
    completion: str,
    tie_breaking: str = "lexicographic",
) -> list[str]:
    """Run pabutools' rule and return the selected project ids in selection order."""
    from pabutools.election import Cardinality_Sat, Cost_Sat
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )
    from pabutools.tiebreaking import (
        lexico_tie_breaking,
        max_cost_tie_breaking,
        min_cost_tie_breaking,
    )

    sat_class = {"cost": Cost_Sat, "cardinality": Cardinality_Sat}[satisfaction]
    tie = {
        "lexicographic": lexico_tie_breaking,
        "min-cost": min_cost_tie_breaking,
        "max-cost": max_cost_tie_breaking,
    }[tie_breaking]
    greedy_params = {"sat_class": sat_class, "tie_breaking": tie}
    if rule == "greedy":
        outcome = greedy_utilitarian_welfare(instance, profile, **greedy_params)
    elif completion == "none":
        outcome = method_of_equal_shares(instance, profile, **greedy_params)
    else:
        mes_params: dict[str, Any] = dict(greedy_params)
        if completion == "add1":
            mes_params["voter_budget_increment"] = 1
        outcome = completion_by_rule_combination(
            instance,
            profile,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [mes_params, greedy_params],
        )
    return [str(project.name) for project in outcome]
