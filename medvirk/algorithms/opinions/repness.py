"""Per-group statement statistics and Polis' representative statements ("repness").

For group g and statement s, with ``a`` agrees, ``d`` disagrees and ``n`` votes cast
(passes included) inside g, and the same counts over all other groups:

* ``p_agree = (a + 1) / (n + 2)`` (pseudo-counts; likewise ``p_disagree``);
* ``p_test``: one-proportion z-score ``2·sqrt(n + 1)·((a + 1)/(n + 1) − 0.5)``;
* ``ratio = p_agree / p_agree(others)`` and ``ratio_test``: two-proportion z-score of the
  (pseudo-counted) agree rates inside and outside g;
* the direction is *agree* when its ratio test beats the disagree one; a statement is
  representative when both tests pass at 90 % (z > 1.2816), ranked by
  ``ratio · ratio_test · p · p_test``; at most ``PICK_MAX`` per group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from medvirk.algorithms.opinions.model import FloatArray

Z_90 = 1.2816
Z_95 = 1.6449
PICK_MAX = 5


@dataclass(frozen=True)
class GroupTallies:
    """Counts per group (rows) and statement (columns)."""

    agree: FloatArray
    disagree: FloatArray
    cast: FloatArray

    def p_agree(self) -> FloatArray:
        return (self.agree + 1.0) / (self.cast + 2.0)

    def p_disagree(self) -> FloatArray:
        return (self.disagree + 1.0) / (self.cast + 2.0)


@dataclass(frozen=True)
class Representative:
    """One representative statement of a group and its figures."""

    statement_id: int
    direction: str
    n_agree: int
    n_disagree: int
    n_votes: int
    probability: float
    probability_test: float
    ratio: float
    ratio_test: float
    metric: float
    significant_95: bool


def proportion_test(successes: FloatArray, trials: FloatArray) -> FloatArray:
    """Polis' one-proportion z-score against 1/2, with one pseudo-count."""
    return 2.0 * np.sqrt(trials + 1.0) * ((successes + 1.0) / (trials + 1.0) - 0.5)


def two_proportion_test(
    s1: FloatArray, n1: FloatArray, s2: FloatArray, n2: FloatArray
) -> FloatArray:
    """Polis' two-proportion z-score of ``s1/n1`` against ``s2/n2``, one pseudo-count each."""
    s1, n1, s2, n2 = s1 + 1.0, n1 + 1.0, s2 + 1.0, n2 + 1.0
    pooled = (s1 + s2) / (n1 + n2)
    spread = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
    return np.divide(s1 / n1 - s2 / n2, spread, out=np.zeros_like(spread), where=spread > 0)


def representatives(
    tallies: GroupTallies, statement_ids: list[int], pick_max: int = PICK_MAX
) -> list[list[Representative]]:
    """The representative statements of every group, best first."""
    total = GroupTallies(*(t.sum(axis=0) for t in (tallies.agree, tallies.disagree, tallies.cast)))
    result = []
    for g in range(len(tallies.cast)):
        counts = {
            name: (getattr(tallies, name)[g], getattr(total, name) - getattr(tallies, name)[g])
            for name in ("agree", "disagree", "cast")
        }
        inside_n, outside_n = counts["cast"]
        figures = {}
        for direction in ("agree", "disagree"):
            inside, outside = counts[direction]
            p = (inside + 1.0) / (inside_n + 2.0)
            ratio = p / ((outside + 1.0) / (outside_n + 2.0))
            p_test = proportion_test(inside, inside_n)
            ratio_test = two_proportion_test(inside, inside_n, outside, outside_n)
            figures[direction] = (p, p_test, ratio, ratio_test, ratio * ratio_test * p * p_test)
        chosen = np.where(figures["agree"][3] >= figures["disagree"][3], 0, 1)
        picked = []
        for j, statement_id in enumerate(statement_ids):
            direction = ("agree", "disagree")[chosen[j]]
            p, p_test, ratio, ratio_test, metric = (f[j] for f in figures[direction])
            if p_test > Z_90 and ratio_test > Z_90:
                picked.append(
                    Representative(
                        statement_id=statement_id,
                        direction=direction,
                        n_agree=int(counts["agree"][0][j]),
                        n_disagree=int(counts["disagree"][0][j]),
                        n_votes=int(inside_n[j]),
                        probability=float(p),
                        probability_test=float(p_test),
                        ratio=float(ratio),
                        ratio_test=float(ratio_test),
                        metric=float(metric),
                        significant_95=bool(p_test > Z_95 and ratio_test > Z_95),
                    )
                )
        picked.sort(key=lambda r: (-r.metric, r.statement_id))
        result.append(picked[:pick_max])
    return result
