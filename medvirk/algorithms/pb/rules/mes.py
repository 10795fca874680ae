"""The Method of Equal Shares (MES), exact, with the completions pabutools 1.2.3 offers.

Every voter starts with an equal share of the budget. In each round, for every project
still affordable by its supporters, MES finds the smallest ``rho`` such that supporters
paying ``min(budget, rho * satisfaction)`` cover the cost; the project with the smallest
``rho`` is funded (ties broken by the tie-breaking order) and its supporters pay. A
project whose supporters together hold less than its cost is dropped for good. With
cost or cardinality satisfaction every supporter of a project gets the same
satisfaction ``s``, so the per-supporter price cap is ``q = rho * s``.

Speed without losing exactness:

* Voters are grouped into *classes* of equal budget: a voter's budget is either zero or
  the initial share minus the exact prices ``q`` of the funded projects they paid in
  full, so a class is described by one row of a 0/1 ``paid`` matrix. Counts of class
  members supporting each project are kept in a project-by-class matrix and updated
  incrementally.
* Prices and comparisons are first computed in floating point. Whenever two candidates
  are within a relative ``TOLERANCE`` of each other, or a budget is that close to a
  price, the decision is recomputed with exact fractions (``fractions.Fraction``). Exact
  class budgets are never summed one by one: a sum over classes is
  ``members * share - sum_s (members who paid s) * q_s``, a handful of exact products.
* Like pabutools, candidates are examined in order of their last known ``rho`` (which
  can only grow), stopping as soon as the rest cannot beat the best.

"Add one" completion reruns MES with every voter's share raised by one unit at a time,
which can take thousands of runs. Within one run every budget and price is an affine
function of the share as long as the same decisions are taken (same winners, same
dropped projects, same voters paying in full), so each run also tracks the slopes of
those quantities and reports how far the share may grow before any decision could flip
(:attr:`MesResult.stable_for`). The steps inside that horizon give the same outcome and
are skipped. The horizon is conservative: a decision that was close (within
``TOLERANCE``) makes it zero, and floating-point gaps are shrunk by ``HORIZON_MARGIN``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from medvirk.algorithms.pb.explain import ProjectExplanation, money
from medvirk.algorithms.pb.rules.support import Support

TOLERANCE = 1e-7
"""Relative gap under which floating-point comparisons are redone exactly."""

HORIZON_MARGIN = 1e-6
"""Relative safety margin on the add-one skip horizon."""

ZERO_CLASS = 0
"""Class of all voters whose budget is exactly zero."""


@dataclass
class Purchase:
    """One project funded by MES, with the figures of its round."""

    project: int
    round: int
    price: Fraction
    """The cap ``q`` each supporter paid (those with less paid all they had)."""
    full_payers: int
    partial_payers: int
    broke_supporters: int


@dataclass
class MesResult:
    """What one run of MES did: purchases in order, and when each other project was dropped."""

    share: Fraction
    purchases: list[Purchase] = field(default_factory=list)
    free: list[int] = field(default_factory=list)
    dropped: dict[int, tuple[int, float]] = field(default_factory=dict)
    """Project -> (round, money its supporters held) for projects dropped as unaffordable."""
    stable_for: float = math.inf
    """How much the share may grow (exclusive) with the same outcome, by the slopes."""

    def limit_horizon(self, gaps: np.ndarray, slopes: np.ndarray, scale: float) -> None:
        """Shrink :attr:`stable_for` so that positive ``gaps``, changing at ``slopes`` per
        unit of share, keep their sign; a gap within ``TOLERANCE * scale`` stops all skipping."""
        if self.stable_for == 0.0 or len(gaps) == 0:
            return
        if gaps.min() <= TOLERANCE * scale:
            self.stable_for = 0.0
            return
        falling = slopes < 0
        if falling.any():
            reach = float((gaps[falling] / -slopes[falling]).min()) * (1 - HORIZON_MARGIN)
            self.stable_for = min(self.stable_for, reach)

    @property
    def selected(self) -> list[int]:
        """Funded projects in selection order (free supported projects first)."""
        return self.free + [purchase.project for purchase in self.purchases]


class _Classes:
    """Voters grouped by equal budget, with the member counts per supported project."""

    def __init__(self, support: Support, share: Fraction) -> None:
        num_projects = support.num_projects
        capacity = 64
        self.share = share
        self.share_f = float(share)
        self.count = 2
        self.members = np.zeros((num_projects, capacity), dtype=np.int64)
        self.paid = np.zeros((capacity, num_projects), dtype=np.int64)
        self.size = np.zeros(capacity, dtype=np.int64)
        self.budget_f = np.zeros(capacity, dtype=np.float64)
        self.slope_f = np.zeros(capacity, dtype=np.float64)
        self.voter_class = np.ones(support.num_voters, dtype=np.int64)
        self.size[1] = support.num_voters
        self.budget_f[1] = self.share_f
        self.slope_f[1] = 1.0
        self.members[:, 1] = [len(s) for s in support.supporters]
        self.price: list[Fraction] = [Fraction(0)] * num_projects

    def grow(self, extra: int) -> None:
        """Make room for ``extra`` more classes."""
        needed = self.count + extra
        if needed <= len(self.size):
            return
        capacity = max(needed, 2 * len(self.size))
        pad = capacity - len(self.size)
        self.members = np.hstack([self.members, np.zeros((self.members.shape[0], pad), np.int64)])
        self.paid = np.vstack([self.paid, np.zeros((pad, self.paid.shape[1]), np.int64)])
        self.size = np.concatenate([self.size, np.zeros(pad, np.int64)])
        self.budget_f = np.concatenate([self.budget_f, np.zeros(pad)])
        self.slope_f = np.concatenate([self.slope_f, np.zeros(pad)])

    def exact_budget(self, cls: int) -> Fraction:
        """The exact budget of each member of a class."""
        if cls == ZERO_CLASS:
            return Fraction(0)
        spent = sum((self.price[s] for s in np.flatnonzero(self.paid[cls])), Fraction(0))
        return self.share - spent

    def exact_money(self, classes: np.ndarray, project: int) -> Fraction:
        """Exact total budget of the project's supporters in the given (non-zero) classes."""
        weights = self.members[project, classes]
        total = Fraction(int(weights.sum())) * self.share
        paid_counts = weights @ self.paid[classes]
        for s in np.flatnonzero(paid_counts):
            total -= int(paid_counts[s]) * self.price[s]
        return total

    def supporting(self, project: int) -> np.ndarray:
        """Classes (other than the zero class) with supporters of the project."""
        classes = np.flatnonzero(self.members[project, : self.count])
        return classes[classes != ZERO_CLASS]

    def float_price(self, project: int, cost: float) -> tuple[float, float]:
        """Floating-point price cap ``q`` at which the supporters just cover ``cost``, and
        its slope in the share.

        Splitting the classes, sorted by budget, into a poor prefix (paying all they have)
        and the rich rest gives ``q = (cost - poor money) / rich members``; every split
        gives a lower bound and the right one the maximum.
        """
        classes = self.supporting(project)
        budgets = self.budget_f[classes]
        order = np.argsort(budgets)
        budgets = budgets[order]
        counts = self.members[project, classes][order].astype(np.float64)
        total = counts.sum()
        poor_money = np.concatenate([[0.0], np.cumsum(counts * budgets)])
        poor_slope = np.concatenate([[0.0], np.cumsum(counts * self.slope_f[classes][order])])
        rich = total - np.concatenate([[0.0], np.cumsum(counts)])
        with np.errstate(divide="ignore", invalid="ignore"):
            candidates = np.where(rich > 0, (cost - poor_money) / rich, -np.inf)
        best = int(np.argmax(candidates))
        return float(candidates[best]), float(-poor_slope[best] / rich[best])

    def money_slope(self, project: int) -> float:
        """Slope in the share of the money the project's supporters hold."""
        return float(self.members[project, : self.count] @ self.slope_f[: self.count])

    def check_winner(
        self, result: MesResult, project: int, price_f: float, price_slope: float
    ) -> None:
        """Limit the horizon so that each supporter class of the winner stays on its side
        of the price (paying all it has, or paying the price)."""
        classes = self.supporting(project)
        side = np.sign(self.budget_f[classes] - price_f)
        gaps = np.abs(self.budget_f[classes] - price_f)
        result.limit_horizon(gaps, (self.slope_f[classes] - price_slope) * side, price_f)

    def exact_price(self, project: int, cost: Fraction, price_f: float) -> Fraction:
        """Exact price cap, using the float one only to sort classes into poor and rich."""
        classes = self.supporting(project)
        budgets = self.budget_f[classes]
        poor = classes[budgets < price_f * (1 - TOLERANCE)]
        unsure = list(classes[np.abs(budgets - price_f) <= price_f * TOLERANCE])
        rich_members = int(self.members[project, classes].sum()) - int(
            self.members[project, poor].sum()
        )
        unsure_budget = {int(c): self.exact_budget(int(c)) for c in unsure}
        while True:
            price = (cost - self.exact_money(poor, project)) / rich_members
            moved = [c for c in unsure if unsure_budget[int(c)] < price]
            if not moved:
                return price
            poor = np.concatenate([poor, np.asarray(moved, dtype=np.int64)])
            unsure = [c for c in unsure if c not in moved]
            rich_members -= int(self.members[project, moved].sum())

    def pay(
        self, support: Support, project: int, price: Fraction, price_slope: float
    ) -> tuple[int, int, int]:
        """Charge the supporters of a funded project; return (full, partial, broke) payers."""
        price_f = float(price)
        classes = self.supporting(project)
        budgets = self.budget_f[classes]
        broke = int(self.members[project, ZERO_CLASS])
        capped = budgets < price_f * (1 - TOLERANCE)
        for i in np.flatnonzero(np.abs(budgets - price_f) <= price_f * TOLERANCE):
            capped[i] = self.exact_budget(int(classes[i])) <= price
        payers = self.members[project, classes]
        whole = payers == self.size[classes]
        split = ~capped & ~whole
        self.grow(int(split.sum()))
        target = classes.copy()
        target[capped] = ZERO_CLASS
        new_ids = np.arange(self.count, self.count + int(split.sum()))
        target[split] = new_ids
        self.count += len(new_ids)
        self.paid[new_ids] = self.paid[classes[split]]
        payers_full = ~capped
        self.paid[target[payers_full], project] = 1
        self.budget_f[target[payers_full]] = budgets[payers_full] - price_f
        self.slope_f[target[payers_full]] = self.slope_f[classes[payers_full]] - price_slope
        self.budget_f[classes[capped & whole]] = 0.0
        self.slope_f[classes[capped & whole]] = 0.0
        self.size[classes] -= payers
        np.add.at(self.size, target, payers)
        remap = np.arange(self.count)
        remap[classes] = target
        voters = support.supporters[project]
        old = self.voter_class[voters]
        new = remap[old]
        self.voter_class[voters] = new
        local, entries = support.supporter_ballots(project)
        old_entry, new_entry = old[local], new[local]
        moved = old_entry != new_entry
        touched = np.unique(np.concatenate([classes, target]))
        local_id = np.zeros(self.count, dtype=np.int64)
        local_id[touched] = np.arange(len(touched))
        width = self.members.shape[0]
        cells = len(touched) * width
        entries = entries[moved]
        change = np.bincount(local_id[new_entry[moved]] * width + entries, minlength=cells)
        change -= np.bincount(local_id[old_entry[moved]] * width + entries, minlength=cells)
        self.members[:, touched] += change.reshape(len(touched), width).T
        return int(payers[payers_full].sum()), int(payers[capped].sum()), broke


@dataclass(frozen=True)
class _Start:
    """What every run of MES on one election starts from (shared by add-one's runs)."""

    costs_f: np.ndarray
    sat_f: np.ndarray
    free: tuple[int, ...]
    """Supported projects of cost zero, in tie-breaking order: funded at once."""
    active: tuple[int, ...]
    """Supported projects with a cost, in tie-breaking order."""
    stale: np.ndarray
    """Initial lower bound of each candidate's rho: cost over total satisfaction."""


def mes_start(support: Support) -> _Start:
    """The state every run of MES on this election starts from."""
    stale = np.full(support.num_projects, np.inf)
    free, active = [], []
    for p in sorted(range(support.num_projects), key=lambda p: int(support.rank[p])):
        if support.total_sat(p) <= 0:
            continue
        if support.costs[p] == 0:
            free.append(p)
        else:
            active.append(p)
            stale[p] = float(support.costs[p] / support.total_sat(p))
    return _Start(
        costs_f=np.array([float(c) for c in support.costs]),
        sat_f=np.array([float(s) for s in support.sat]),
        free=tuple(free),
        active=tuple(active),
        stale=stale,
    )


def run_mes(support: Support, share: Fraction, start: _Start | None = None) -> MesResult:
    """One run of MES in which every voter starts with ``share``; ``start`` (from
    :func:`mes_start`) saves recomputing the starting state when running many times."""
    result = MesResult(share)
    if support.num_voters == 0:
        return result
    start = start or mes_start(support)
    costs_f, sat_f = start.costs_f, start.sat_f
    result.free = list(start.free)
    active = list(start.active)
    stale = start.stale.copy()
    stale_slope = np.zeros(support.num_projects)
    classes = _Classes(support, share)
    round_number = 0
    while active:
        round_number += 1
        best = math.inf
        evaluated: list[tuple[int, float, float, float]] = []
        candidates = np.asarray(active)
        for p in candidates[np.argsort(stale[candidates], kind="stable")].tolist():
            if stale[p] > best * (1 + TOLERANCE):
                break
            held = float(classes.members[p, : classes.count] @ classes.budget_f[: classes.count])
            cost_f = costs_f[p]
            if held < cost_f * (1 - TOLERANCE) or (
                held <= cost_f * (1 + TOLERANCE)
                and classes.exact_money(classes.supporting(p), p) < support.costs[p]
            ):
                active.remove(p)
                result.dropped[p] = (round_number, held)
                result.limit_horizon(
                    np.array([cost_f - held]), np.array([-classes.money_slope(p)]), cost_f
                )
                continue
            price_f, price_slope = classes.float_price(p, cost_f)
            stale[p] = price_f / sat_f[p]
            stale_slope[p] = price_slope / sat_f[p]
            best = min(best, stale[p])
            evaluated.append((p, stale[p], price_f, price_slope))
        if not evaluated:
            break
        near = [(p, price_f) for p, rho, price_f, _ in evaluated if rho <= best * (1 + TOLERANCE)]
        exact = {p: classes.exact_price(p, support.costs[p], price_f) for p, price_f in near}
        winner = min(exact, key=lambda p: (exact[p] / support.sat[p], int(support.rank[p])))
        price = exact[winner]
        classes.price[winner] = price
        winner_f, winner_slope = next((e[2], e[3]) for e in evaluated if e[0] == winner)
        classes.check_winner(result, winner, winner_f, winner_slope)
        others = np.array([p for p in active if p != winner], dtype=np.int64)
        result.limit_horizon(
            stale[others] - stale[winner], stale_slope[others] - stale_slope[winner], stale[winner]
        )
        full, partial, broke = classes.pay(support, winner, price, winner_slope)
        result.purchases.append(Purchase(winner, round_number, price, full, partial, broke))
        active.remove(winner)
    return result


def _exhaustive(support: Support, selected: list[int], candidates: list[int]) -> bool:
    """Whether no candidate outside ``selected`` fits the money left."""
    left = support.budget - sum((support.costs[p] for p in selected), Fraction(0))
    chosen = set(selected)
    return all(support.costs[p] > left for p in candidates if p not in chosen)


def run_mes_add_one(support: Support, skip: bool = True) -> MesResult:
    """MES with every voter's share raised by one unit of money per step (pabutools'
    ``voter_budget_increment=1``): stop at the first exhaustive outcome, or return the last
    outcome that stayed within the budget.

    With ``skip`` (the default) steps inside a run's certified horizon are not rerun; the
    result is the same, which the tests check by running with ``skip=False``."""
    base = support.budget / support.num_voters if support.num_voters else Fraction(0)
    candidates = [
        p for p in range(support.num_projects) if support.total_sat(p) > 0 and support.costs[p] > 0
    ]
    start = mes_start(support)
    previous: MesResult | None = None
    step = 0
    while True:
        result = run_mes(support, base + step, start)
        spent = sum((support.costs[p] for p in result.selected), Fraction(0))
        if spent > support.budget:
            if previous is None:
                return MesResult(base, free=result.free)
            if previous.share != base + step - 1:
                # Skipped steps gave the same projects; rerun the last one for its figures.
                return run_mes(support, base + step - 1, start)
            return previous
        if _exhaustive(support, result.selected, candidates):
            return result
        previous = result
        horizon = result.stable_for if skip and math.isfinite(result.stable_for) else 0.0
        step += max(1, math.ceil(horizon))


def explain_mes(
    support: Support, result: MesResult, explanations: dict[str, ProjectExplanation]
) -> None:
    """Write an explanation for every project after a run of MES."""
    share = money(result.share)
    for p in result.free:
        explanations[support.ids[p]] = ProjectExplanation(
            support.ids[p],
            True,
            "Funded by MES at no cost: it is free and has supporters.",
            {"stage": "mes", "cost": 0.0},
        )
    for purchase in result.purchases:
        p = purchase.project
        cost = support.costs[p]
        supporters = len(support.supporters[p])
        effective = float(cost / purchase.price)
        text = (
            f"Funded by MES in round {purchase.round}: {supporters} supporters shared its cost "
            f"of {money(cost)}; {purchase.full_payers} paid {float(purchase.price):.2f} each, "
            f"{purchase.partial_payers} paid all they had left, {purchase.broke_supporters} "
            f"had nothing left (each voter started with {share}). Effective vote count "
            f"{effective:.1f}."
        )
        explanations[support.ids[p]] = ProjectExplanation(
            support.ids[p],
            True,
            text,
            {
                "stage": "mes",
                "round": purchase.round,
                "cost": float(cost),
                "supporters": supporters,
                "price_per_supporter": float(purchase.price),
                "full_payers": purchase.full_payers,
                "partial_payers": purchase.partial_payers,
                "broke_supporters": purchase.broke_supporters,
                "effective_vote_count": effective,
                "share_per_voter": float(result.share),
            },
        )
    funded = set(result.selected)
    for p in range(support.num_projects):
        if p in funded:
            continue
        cost = support.costs[p]
        supporters = len(support.supporters[p])
        facts: dict[str, object] = {"stage": "mes", "cost": float(cost), "supporters": supporters}
        if p in result.dropped:
            round_number, held = result.dropped[p]
            lacked = max(float(cost) - held, 0.0)
            text = (
                f"Not funded by MES: in round {round_number} its {supporters} supporters had "
                f"only {money(held)} left between them, and it costs {money(cost)}; it "
                f"lacked {money(lacked)}."
            )
            facts.update({"round": round_number, "supporters_money": held, "lacked": lacked})
        else:
            text = "Not funded by MES: no voter supports it."
        explanations[support.ids[p]] = ProjectExplanation(support.ids[p], False, text, facts)
