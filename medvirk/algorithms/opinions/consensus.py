"""Statements every group agrees (or disagrees) on, and the ones dividing groups most.

* Group-informed consensus (Polis): the product over groups of each group's
  pseudo-counted agree probability ``(a + 1)/(n + 2)`` (likewise for disagree). A
  statement is listed as consensus only when every group leans that way (probability
  above 1/2 in each group).
* Divisiveness: the spread (largest minus smallest) over groups of the net agreement
  ``p_agree − p_disagree``; the statements with the largest spread divide groups most.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from medvirk.algorithms.opinions.repness import PICK_MAX, GroupTallies


@dataclass(frozen=True)
class ConsensusStatement:
    """A statement with its group-informed consensus and each group's probability."""

    statement_id: int
    direction: str
    consensus: float
    by_group: list[float]


@dataclass(frozen=True)
class DivisiveStatement:
    """A statement with its spread and each group's net agreement."""

    statement_id: int
    spread: float
    net_agreement_by_group: list[float]


def consensus_statements(
    tallies: GroupTallies, statement_ids: list[int], pick_max: int = PICK_MAX
) -> dict[str, list[ConsensusStatement]]:
    """The best ``pick_max`` agree and disagree consensus statements."""
    result = {}
    for direction, probabilities in (
        ("agree", tallies.p_agree()),
        ("disagree", tallies.p_disagree()),
    ):
        product = probabilities.prod(axis=0)
        everyone = (probabilities > 0.5).all(axis=0)
        order = [j for j in np.lexsort((statement_ids, -product)) if everyone[j]]
        result[direction] = [
            ConsensusStatement(
                statement_ids[j],
                direction,
                float(product[j]),
                [float(p) for p in probabilities[:, j]],
            )
            for j in order[:pick_max]
        ]
    return result


def divisive_statements(
    tallies: GroupTallies, statement_ids: list[int], pick_max: int = PICK_MAX
) -> list[DivisiveStatement]:
    """The ``pick_max`` statements whose net agreement differs most between groups."""
    net = tallies.p_agree() - tallies.p_disagree()
    spread = net.max(axis=0) - net.min(axis=0)
    order = np.lexsort((statement_ids, -spread))[:pick_max]
    return [
        DivisiveStatement(statement_ids[j], float(spread[j]), [float(v) for v in net[:, j]])
        for j in order
    ]
