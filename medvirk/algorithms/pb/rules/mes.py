"""The Method of Equal Shares (MES), exact, with the completions pabutools 1.2.3 offers.

Every voter starts with an equal share of the budget. In each round, for every project
still affordable by its supporters, MES finds the smallest ``rho`` such that supporters
paying ``min(budget, rho * satisfaction)`` cover the cost; the project with the smallest
``rho`` is funded (ties broken by the tie-breaking order) and its supporters pay. A
project whose supporters together hold less than its cost is dropped for good. With
cost or cardinality satisfaction every supporter of a project gets the same
satisfaction ``s``, so the per-supporter price cap is ``q = rho * s``.

Speed without losing exactness:

* Voters with the same set of supported projects are treated alike by MES from start to
  end, so they form one *group* with a weight (how many voters). Budgets are one float
  per group, kept in a numpy array; a project's supporters are an array of group ids.
* A group's exact budget is either zero (it once paid all it had) or the share minus the
  exact prices ``q`` of the purchases it paid in full. Which groups paid in full, and
  which paid all they had, is recorded per purchase, so any exact budget, exact sum of
  budgets or exact price can be recomputed with ``fractions.Fraction`` when needed; exact
  prices are computed lazily and memoised.
* Floats decide everything except near-ties: when two candidates' ``rho`` are within a
  relative ``TOLERANCE``, or a budget is that close to a price (relative to the larger of
  the price and the share), or supporters' money that close to a cost, the decision is
  taken with exact fractions. Float errors are many orders of magnitude smaller.
* A project's price is found by Newton's method from below on the concave piecewise
  linear ``q -> sum min(budget, q)``, starting from its last known price (prices only
  grow within a run): each step moves the groups below the current ``q`` to the "pays
  all it has" side; it ends when that set stops growing (a few steps), or as soon as the
  lower bound it has reached shows that the project cannot beat the best candidate.
* The float steps run every round (a candidate's money and price, a winner's payment, a
  price's slope) are one call each into a small C extension, ``_mes_kernel.c``, built at
  install time; where it is not built, numpy twins (:class:`_NumpySupporters`) do the
  same. Numpy's fixed cost per call dominated on a few thousand groups.
* Like pabutools, candidates are examined in order of their last known ``rho`` (which
  can only grow), stopping as soon as the rest cannot beat the best; a candidate none of
  whose supporters paid since its last evaluation keeps its figures without recomputing.

"Add one" completion reruns MES with every voter's share raised by one unit at a time.
Within one run every budget and price is an affine function of the share as long as the
same decisions are taken (same winners, same dropped projects, same groups paying in
full), so a run can also track the slopes of those quantities and report how far the
share may grow before any decision could flip (:attr:`MesResult.stable_for`); the steps
inside that horizon give the same outcome and are skipped. The horizon is conservative:
a close decision (within ``TOLERANCE``) makes it zero, floating-point gaps are shrunk by
``HORIZON_MARGIN``, and a horizon under one step is reported as zero (and no longer
tracked, since it cannot save a run).

While the horizon of the rounds so far is still at least one step, a tracked run also
records a *checkpoint* at the start of each round (:class:`_Checkpoint`). The next run,
one or more steps on, starts from the deepest checkpoint whose horizon reaches its share,
with budgets and lower bounds moved along their slopes, and computes only the later
rounds. An extrapolated lower bound stays a lower bound: for any split of a project's
supporters into those paying all they have and the rest, ``(cost - money of the first) /
weight of the rest`` is at most the price, and it is affine in the share while the
budgets are. Tracking costs time, so :func:`run_mes_add_one` stops tracking (and retries
after 1, 2, 4, ... runs) when it does not pay off.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeAlias

import numpy as np

from medvirk.algorithms.pb.explain import ProjectExplanation, money
from medvirk.algorithms.pb.rules.support import Support

_CompiledSupporters: type[_mes_kernel.Supporters] | None
try:
    from medvirk.algorithms.pb.rules import _mes_kernel

    _CompiledSupporters = _mes_kernel.Supporters
except ImportError:  # not built: numpy does the same (see _NumpySupporters)
    _CompiledSupporters = None

_Supporters: TypeAlias = "_NumpySupporters | _mes_kernel.Supporters"
"""The float steps of a round: compiled, or their numpy twins."""

TOLERANCE = 1e-7
"""Relative gap under which floating-point comparisons are redone exactly."""

HORIZON_MARGIN = 1e-6
"""Relative safety margin on the add-one skip horizon."""

SMALLEST = 5e-324
"""Float budget of a group whose exact budget is positive but rounds to zero (a float
budget of zero marks a group that has paid all it had)."""


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
    """How much the share may grow (exclusive) with the same outcome, by the slopes; a
    horizon under one unit is reported as zero."""
    pending: list[int] = field(default_factory=list, repr=False)
    """Rounds of the purchases whose figures are not computed yet."""
    run: _Run | None = field(default=None, repr=False, compare=False)
    rounds: int = 0
    """How many rounds the run took."""
    checkpoints: list[_Checkpoint] = field(default_factory=list, repr=False, compare=False)
    """States at the start of rounds from which a run with a larger share may start."""

    def finish(self) -> MesResult:
        """Compute the exact prices of the purchases (a run of add-one leaves them pending
        until it is the one returned)."""
        if self.run is not None:
            run = self.run
            for i, number in enumerate(self.pending):
                price = run.exact_price_of(i)
                _, _, full, partial, broke = run.side(i)
                self.purchases.append(Purchase(run.bought[i], number, price, full, partial, broke))
            self.pending, self.run = [], None
        return self

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
        if self.stable_for < 1.0:
            self.stable_for = 0.0

    @property
    def selected(self) -> list[int]:
        """Funded projects in selection order (free supported projects first)."""
        if self.run is not None:
            return self.free + self.run.bought
        return self.free + [purchase.project for purchase in self.purchases]


@dataclass(frozen=True)
class _Checkpoint:
    """The state of a run at the start of a round, with how far the share may grow with
    every decision so far unchanged. Every budget, price and lower bound is then an affine
    function of the share, so a run with a larger share (below ``limit``) can start here:
    add-one's runs share their first rounds this way."""

    rounds: int
    """Rounds completed."""
    share: float
    limit: float
    """The decisions so far stay the same for every share below this one."""
    budget: np.ndarray
    slope: np.ndarray
    stale: np.ndarray
    stale_slope: np.ndarray
    active: frozenset[int]
    dropped: dict[int, tuple[int, float]]
    round_numbers: tuple[int, ...]
    bought: tuple[int, ...]
    before: tuple[np.ndarray, ...]
    price_f: tuple[float, ...]
    decided: tuple[dict[int, bool], ...]


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
    weight: np.ndarray
    """Number of voters in each group (voters with the same supported projects)."""
    members: list[np.ndarray]
    """Groups supporting each project."""
    member_weight: list[np.ndarray]
    total_weight: list[int]
    """Number of supporters of each project."""
    total_f: list[float]
    rank: list[int]
    """Tie-breaking rank of each project."""
    ballot_starts: np.ndarray
    ballots: np.ndarray
    """The projects on each group's ballot: ``ballots[ballot_starts[g]:ballot_starts[g + 1]]``."""
    supporters: _Supporters
    """Evaluates a candidate: its supporters' money and its price (compiled or numpy)."""
    overlap: dict[int, np.ndarray]
    """Projects sharing a supporter with a project (itself included), filled on demand."""

    def overlapping(self, project: int) -> np.ndarray:
        """Projects sharing a supporter with ``project`` (itself included)."""
        known = self.overlap.get(project)
        if known is None:
            groups = self.members[project]
            firsts = self.ballot_starts[groups]
            sizes = self.ballot_starts[groups + 1] - firsts
            offsets = np.repeat(firsts - np.cumsum(sizes) + sizes, sizes)
            entries = self.ballots[offsets + np.arange(int(sizes.sum()))]
            known = np.flatnonzero(np.bincount(entries, minlength=len(self.members)))
            self.overlap[project] = known
        return known


def _small_ints(values: np.ndarray, bound: int) -> np.ndarray:
    """``values`` (all below ``bound``) in the narrowest integer type, so that numpy's
    stable sort can use radix sort."""
    if bound <= 1 << 15:
        return values.astype(np.int16)
    return values


def _voter_groups(support: Support) -> tuple[np.ndarray, np.ndarray]:
    """Voters with the same set of projects on their ballot, as groups: the group of every
    voter with a non-empty ballot (-1 for an empty one), and one representative voter per
    group."""
    indptr, projects = support.ballot_indptr, support.ballot_projects
    lengths = np.diff(indptr)
    voters = np.flatnonzero(lengths > 0)
    group_of = np.full(support.num_voters, -1, dtype=np.int64)
    if len(voters) == 0:
        return group_of, voters
    # Each ballot as a bit set, 64 projects per word.
    bits = np.left_shift(np.uint64(1), (projects % 64).astype(np.uint64))
    word = projects // 64
    words = np.stack(
        [
            np.bitwise_or.reduceat(np.where(word == w, bits, np.uint64(0)), indptr[voters])
            for w in range((support.num_projects + 63) // 64)
        ],
        axis=1,
    )
    order = np.lexsort(words.T[::-1])
    ordered = words[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    group_sorted = np.cumsum(new) - 1
    group_of[voters[order]] = group_sorted
    return group_of, voters[order[new]]


def mes_start(support: Support) -> _Start:
    """The state every run of MES on this election starts from."""
    num_projects = support.num_projects
    stale = np.full(num_projects, np.inf)
    free, active = [], []
    for p in sorted(range(num_projects), key=lambda p: int(support.rank[p])):
        if support.total_sat(p) <= 0:
            continue
        if support.costs[p] == 0:
            free.append(p)
        else:
            active.append(p)
            stale[p] = float(support.costs[p] / support.total_sat(p))
    group_of, representatives = _voter_groups(support)
    num_groups = len(representatives)
    weight = np.bincount(group_of[group_of >= 0], minlength=num_groups).astype(np.int64)
    indptr = support.ballot_indptr
    sizes = indptr[representatives + 1] - indptr[representatives]
    firsts = np.repeat(indptr[representatives] - np.cumsum(sizes) + sizes, sizes)
    entries = support.ballot_projects[firsts + np.arange(int(sizes.sum()))]
    entry_group = np.repeat(np.arange(num_groups), sizes)
    by_project = np.argsort(_small_ints(entries, num_projects), kind="stable")
    members = np.split(
        entry_group[by_project], np.cumsum(np.bincount(entries, minlength=num_projects))[:-1]
    )
    member_weight = [weight[groups].astype(np.float64) for groups in members]
    total_weight = [int(weight[groups].sum()) for groups in members]
    return _Start(
        costs_f=np.array([float(c) for c in support.costs]),
        sat_f=np.array([float(s) for s in support.sat]),
        free=tuple(free),
        active=tuple(active),
        stale=stale,
        weight=weight,
        members=members,
        member_weight=member_weight,
        total_weight=total_weight,
        total_f=[float(w) for w in total_weight],
        rank=[int(r) for r in support.rank],
        ballot_starts=np.concatenate([[0], np.cumsum(sizes)]),
        ballots=entries,
        supporters=_supporters(members, member_weight),
        overlap={},
    )


def _float_price(
    budgets: np.ndarray,
    weights: np.ndarray,
    total: float,
    cost: float,
    lower: float,
    scratch: np.ndarray,
    beat: float = math.inf,
) -> tuple[float, bool]:
    """The price cap ``q`` with ``sum weights * min(budgets, q) == cost``, in floats, by
    Newton's method from below (the function is concave and piecewise linear), starting
    from a known lower bound ``lower``: each step solves for ``q`` with the groups below
    the current ``q`` paying all they have, until that set stops growing (sums of integer
    weights are exact in floats). Every step gives a lower bound of the price; as soon as
    one exceeds ``beat`` the search stops and returns that bound with ``False`` (not final)."""
    price = max(cost / total, lower)
    money_and_weight = scratch
    np.multiply(budgets, weights, out=money_and_weight[:, 0])
    rich = -1.0
    for _ in range(30):
        poor_money, poor_weight = (budgets < price) @ money_and_weight
        new_rich = total - poor_weight
        if new_rich == rich:
            return price, True
        rich = new_rich
        if rich <= 0:
            return float(budgets.max()), True
        price = (cost - poor_money) / rich
        if price > beat:
            return price, False
    order = np.argsort(budgets)
    sorted_budgets, sorted_weights = budgets[order], weights[order]
    poor_money_at = np.concatenate([[0.0], np.cumsum(sorted_weights * sorted_budgets)])
    rich_weight = total - np.concatenate([[0.0], np.cumsum(sorted_weights)])
    with np.errstate(divide="ignore", invalid="ignore"):
        candidates = np.where(rich_weight > 0, (cost - poor_money_at) / rich_weight, -np.inf)
    return float(candidates.max()), True


class _NumpySupporters:
    """The float steps of a round with numpy, where the compiled kernel
    (``_mes_kernel.Supporters``, the same methods in C) is not built."""

    def __init__(self, members: list[np.ndarray], weights: list[np.ndarray]) -> None:
        self.members, self.weights = members, weights
        self.scratch = [_scratch(w) for w in weights]

    def evaluate(
        self,
        budget: np.ndarray,
        project: int,
        cost: float,
        total: float,
        lower: float,
        beat: float,
        need: float,
        /,
    ) -> tuple[float, float, int]:
        """The money ``held`` by the project's supporters and, unless it is under ``need``,
        its price cap by :func:`_float_price` from ``lower``: ``(held, price, final)``, with
        ``final`` 1 when the price is found and 0 when a lower bound passed ``beat`` (that
        bound is returned). The C step may also give -1: its steps ran out, and the
        caller then sorts (:func:`_float_price`)."""
        budgets, weights = budget[self.members[project]], self.weights[project]
        held = float(budgets @ weights)
        if held < need:
            return held, math.nan, 0
        price, final = _float_price(
            budgets, weights, total, cost, lower, self.scratch[project], beat
        )
        return held, price, int(final)

    def pay(
        self,
        budget: np.ndarray,
        project: int,
        price: float,
        tol: float,
        before: np.ndarray,
        slope: np.ndarray | None = None,
        price_slope: float = 0.0,
        /,
    ) -> int:
        """Copy the supporters' budgets into ``before`` and charge each ``min(budget,
        price)``; return how many budgets were within ``tol`` of the price. With ``slope``
        and none that close, also move the budgets' slopes by ``price_slope`` (to zero
        where nothing is left)."""
        groups = self.members[project]
        before[:] = budget[groups]
        left = before - price
        after = np.maximum(left, 0.0)
        budget[groups] = after
        near = int(np.count_nonzero(np.abs(left) <= tol))
        if slope is not None and not near:
            slope[groups] = np.where(after > 0, slope[groups] - price_slope, 0.0)
        return near

    def price_slope(
        self, budget: np.ndarray, slope: np.ndarray, project: int, price: float, total: float, /
    ) -> float:
        """The rate at which the price moves with the share, while the same groups pay
        all they have."""
        groups, weights = self.members[project], self.weights[project]
        poor = budget[groups] < price
        rich = total - float(weights[poor].sum())
        return -float(slope[groups][poor] @ weights[poor]) / rich


use_compiled = True
"""Whether MES uses the compiled kernel when it is built (tests run both)."""


def compiled_available() -> bool:
    """Whether the compiled kernel (``_mes_kernel.c``) was built at install time."""
    return _CompiledSupporters is not None


def _supporters(members: list[np.ndarray], weights: list[np.ndarray]) -> _Supporters:
    if not (use_compiled and _CompiledSupporters is not None):
        return _NumpySupporters(members, weights)
    indptr = np.concatenate([[0], np.cumsum([len(m) for m in members])]).astype(np.int64)
    return _CompiledSupporters(
        indptr,
        np.concatenate(members).astype(np.int64),
        np.concatenate(weights).astype(np.float64),
    )


def _scratch(weights: np.ndarray) -> np.ndarray:
    """A work array for :func:`_float_price`: (groups x 2), the weights in column 1."""
    return np.column_stack([np.zeros(len(weights)), weights])


def _exact_sum(counts: list[int], values: list[Fraction]) -> Fraction:
    """``sum(counts[i] * values[i])`` exactly, with integers over one common denominator
    (much faster than adding fractions one by one)."""
    if not values:
        return Fraction(0)
    denominator = math.lcm(*(value.denominator for value in values))
    numerator = sum(
        count * value.numerator * (denominator // value.denominator)
        for count, value in zip(counts, values, strict=True)
    )
    return Fraction(numerator, denominator)


class _Run:
    """The state of one run of MES: float budgets per group and the record of purchases
    from which exact budgets and prices are recomputed when a decision is close."""

    def __init__(self, support: Support, start: _Start, share: Fraction, track: bool) -> None:
        self.support = support
        self.start = start
        self.share = share
        self.share_f = float(share)
        num_groups = len(start.weight)
        self.budget = np.full(num_groups, self.share_f)
        self.track = track
        self.slope = np.ones(num_groups) if track else np.zeros(0)
        self.bought: list[int] = []
        self.before: list[np.ndarray] = []
        """Per purchase: the float budgets of the project's supporter groups just before."""
        self.price_f: list[float] = []
        self.decided: list[dict[int, bool]] = []
        """Per purchase: supporter positions whose side was decided exactly (True: paid
        all they had); all others are on the side their float budget shows."""
        self.sides: list[tuple[np.ndarray, np.ndarray, int, int, int] | None] = []
        self.exact: list[Fraction | None] = []
        self.paid: np.ndarray | None = None
        self.paid_rows = 0

    def resume(self, checkpoint: _Checkpoint) -> None:
        """Take over the purchases of a checkpoint (the same groups paid in full or all
        they had; the exact prices follow from this run's share)."""
        self.bought = list(checkpoint.bought)
        self.before = list(checkpoint.before)
        self.price_f = list(checkpoint.price_f)
        self.decided = list(checkpoint.decided)
        self.sides = [None] * len(self.bought)
        self.exact = [None] * len(self.bought)

    def checkpoint(
        self,
        result: MesResult,
        stale: np.ndarray,
        stale_slope: np.ndarray,
        active: set[int],
        rounds: list[int],
        round_number: int,
    ) -> _Checkpoint:
        """The state now, valid for shares below this one plus the horizon so far."""
        return _Checkpoint(
            rounds=round_number,
            share=self.share_f,
            limit=self.share_f + result.stable_for,
            budget=self.budget.copy(),
            slope=self.slope.copy(),
            stale=stale.copy(),
            stale_slope=stale_slope.copy(),
            active=frozenset(active),
            dropped=dict(result.dropped),
            round_numbers=tuple(rounds),
            bought=tuple(self.bought),
            before=tuple(self.before),
            price_f=tuple(self.price_f),
            decided=tuple(self.decided),
        )

    def side(self, i: int) -> tuple[np.ndarray, np.ndarray, int, int, int]:
        """Who paid what for purchase ``i``: the groups that paid the price in full, the
        groups with money that paid all they had, and the number of voters who paid in
        full, paid all they had, and had nothing left."""
        known = self.sides[i]
        if known is None:
            before = self.before[i]
            capped = before <= self.price_f[i]
            for k, value in self.decided[i].items():
                capped[k] = value
            broke = before == 0
            groups = self.start.members[self.bought[i]]
            weights = self.start.weight[groups]
            full_groups, capped_groups = groups[~capped], groups[capped & ~broke]
            known = (
                full_groups,
                capped_groups,
                int(weights[~capped].sum()),
                int(weights[capped & ~broke].sum()),
                int(weights[broke].sum()),
            )
            self.sides[i] = known
        return known

    def tolerance(self, price: float) -> float:
        """Absolute gap under which a budget and a price are compared exactly."""
        return TOLERANCE * max(price, self.share_f)

    # Exact figures, recomputed from the record of purchases.

    def _paid_matrix(self, rows: int) -> np.ndarray:
        """0/1 matrix: purchase (row) paid in full by group (column), for the first rows."""
        if self.paid is None:
            self.paid = np.zeros((self.support.num_projects, len(self.start.weight)), np.int8)
        for i in range(self.paid_rows, rows):
            self.paid[i, self.side(i)[0]] = 1
        self.paid_rows = max(self.paid_rows, rows)
        return self.paid

    def exact_money(self, before: int, groups: np.ndarray) -> Fraction:
        """Exact total budget of the voters in ``groups`` (none broke yet) just before
        purchase number ``before``."""
        weights = self.start.weight[groups]
        total = Fraction(int(weights.sum())) * self.share
        if before and len(groups):
            counts = self._paid_matrix(before)[:before, groups] @ weights
            paid = np.flatnonzero(counts).tolist()
            total -= _exact_sum(
                [int(counts[i]) for i in paid], [self.exact_price_of(i) for i in paid]
            )
        return total

    def exact_budget(self, before: int, group: int) -> Fraction:
        """Exact budget of one voter of a group (not broke) just before purchase ``before``."""
        if not before:
            return self.share
        paid = np.flatnonzero(self._paid_matrix(before)[:before, group]).tolist()
        return self.share - _exact_sum([1] * len(paid), [self.exact_price_of(i) for i in paid])

    def exact_price_of(self, purchase: int) -> Fraction:
        """Exact price of a purchase already made (memoised)."""
        for i in range(purchase + 1):
            if self.exact[i] is None:
                project = self.bought[i]
                _, capped, full_weight, _, _ = self.side(i)
                if full_weight > 0:
                    cost = self.support.costs[project]
                    self.exact[i] = (cost - self.exact_money(i, capped)) / full_weight
                else:
                    self.exact[i] = max(self.exact_budget(i, int(g)) for g in capped)
        price = self.exact[purchase]
        assert price is not None
        return price

    def live_members(self, project: int) -> np.ndarray:
        """Groups supporting the project that still have money."""
        groups = self.start.members[project]
        return groups[self.budget[groups] > 0]

    def exact_price(self, project: int, price_f: float) -> Fraction:
        """Exact price cap of a candidate now, the float one sorting most groups into those
        paying all they have and those paying the price."""
        now = len(self.bought)
        groups = self.live_members(project)
        budgets = self.budget[groups]
        tol = self.tolerance(price_f)
        poor = groups[budgets < price_f - tol]
        unsure = [int(g) for g in groups[np.abs(budgets - price_f) <= tol]]
        weight = self.start.weight
        rich = int(weight[groups].sum()) - int(weight[poor].sum())
        poor_money = self.exact_money(now, poor)
        unsure_budget = {g: self.exact_budget(now, g) for g in unsure}
        cost = self.support.costs[project]
        while True:
            if rich <= 0:
                return max(unsure_budget.values())
            price = (cost - poor_money) / rich
            moved = [g for g in unsure if unsure_budget[g] < price]
            if not moved:
                return price
            for g in moved:
                poor_money += int(weight[g]) * unsure_budget[g]
                rich -= int(weight[g])
            unsure = [g for g in unsure if g not in moved]

    # The steps of a round.

    def pay(self, project: int, price_f: float, price_slope: float) -> None:
        """Charge the supporters of a funded project."""
        groups = self.start.members[project]
        before = np.empty(len(groups))
        decided: dict[int, bool] = {}
        exact_price: Fraction | None = None
        tol = self.tolerance(price_f)
        slopes = (self.slope, price_slope) if self.track else ()
        if self.start.supporters.pay(self.budget, project, price_f, tol, before, *slopes):
            # Some budgets are close to the price: undo, and decide their side exactly.
            self.budget[groups] = before
            now = len(self.bought)
            exact_price = self.exact_price(project, price_f)
            left = before - price_f
            after = np.maximum(left, 0.0)
            for k in np.flatnonzero(np.abs(left) <= tol).tolist():
                exact_left = self.exact_budget(now, int(groups[k])) - exact_price
                decided[k] = exact_left <= 0
                after[k] = 0.0 if exact_left <= 0 else max(float(exact_left), SMALLEST)
            self.budget[groups] = after
            if self.track:
                moved = self.slope[groups] - price_slope
                self.slope[groups] = np.where(after > 0, moved, 0.0)
        self.bought.append(project)
        self.before.append(before)
        self.price_f.append(price_f)
        self.decided.append(decided)
        self.sides.append(None)
        self.exact.append(exact_price)


def run_mes(
    support: Support,
    share: Fraction,
    start: _Start | None = None,
    track: bool = False,
    finish: bool = True,
    resume: _Checkpoint | None = None,
    inherited: Sequence[_Checkpoint] = (),
) -> MesResult:
    """One run of MES in which every voter starts with ``share``; ``start`` (from
    :func:`mes_start`) saves recomputing the starting state when running many times,
    ``track`` computes :attr:`MesResult.stable_for` (otherwise zero) and the checkpoints,
    and ``finish=False`` leaves the exact prices to :meth:`MesResult.finish`.

    ``resume`` (with ``track``; ``share`` below its limit) starts from a checkpoint of an
    earlier tracked run instead of from scratch, keeping the ``inherited`` checkpoints up
    to it."""
    result = MesResult(share, stable_for=math.inf if track else 0.0)
    if support.num_voters == 0:
        return result
    start = start or mes_start(support)
    result.free = list(start.free)
    run = _Run(support, start, share, track)
    budget = run.budget
    costs_f, sat_f, rank = start.costs_f, start.sat_f, start.rank
    members, member_weight, total_weight_f = start.members, start.member_weight, start.total_f
    evaluate = start.supporters.evaluate
    stale = start.stale.copy()
    stale_slope = np.zeros(support.num_projects)
    dirty = np.ones(support.num_projects, dtype=bool)
    price_of = [0.0] * support.num_projects
    price_slope_of = [0.0] * support.num_projects
    active = set(start.active)
    rounds: list[int] = []
    round_number = 0
    if resume is not None:
        assert track
        shift = float(share) - resume.share
        budget[:] = resume.budget + resume.slope * shift
        run.slope = resume.slope.copy()
        stale = resume.stale + resume.stale_slope * shift
        stale_slope = resume.stale_slope.copy()
        active = set(resume.active)
        result.dropped = dict(resume.dropped)
        rounds = list(resume.round_numbers)
        round_number = resume.rounds
        run.resume(resume)
        result.limit_horizon(np.array([resume.limit - float(share)]), np.array([-1.0]), 0.0)
        result.checkpoints = [c for c in inherited if c.rounds <= resume.rounds]
    heap = [(stale[p], rank[p], p) for p in active]
    heapq.heapify(heap)
    upper = 1 + TOLERANCE
    while heap:
        tracking = track and result.stable_for > 0
        if tracking and round_number > (resume.rounds if resume else 0):
            result.checkpoints.append(
                run.checkpoint(result, stale, stale_slope, active, rounds, round_number)
            )
        round_number += 1
        best = math.inf
        evaluated: list[int] = []
        while heap and heap[0][0] <= best * upper:
            p = heapq.heappop(heap)[2]
            if dirty[p]:
                cost_f, total = costs_f[p], total_weight_f[p]
                lower = stale[p] * sat_f[p]
                beat = math.inf if tracking else best * upper * sat_f[p]
                held, price_f, final = evaluate(
                    budget, p, cost_f, total, lower, beat, cost_f * (1 - TOLERANCE)
                )
                if held < cost_f * (1 - TOLERANCE) or (
                    held <= cost_f * upper
                    and run.exact_money(len(run.bought), run.live_members(p)) < support.costs[p]
                ):
                    active.discard(p)
                    result.dropped[p] = (round_number, held)
                    if tracking:
                        held_slope = float(run.slope[members[p]] @ member_weight[p])
                        result.limit_horizon(
                            np.array([cost_f - held]), np.array([-held_slope]), cost_f
                        )
                    continue
                if final < 0:  # the C step ran out of Newton steps: sort instead
                    price_f, found = _float_price(
                        budget[members[p]],
                        member_weight[p],
                        total,
                        cost_f,
                        lower,
                        _scratch(member_weight[p]),
                        beat,
                    )
                    final = int(found)
                stale[p] = price_f / sat_f[p]
                if not final:
                    # Cannot beat the best: keep the better lower bound, evaluate later.
                    heapq.heappush(heap, (stale[p], rank[p], p))
                    continue
                price_of[p] = price_f
                if tracking:
                    slope = start.supporters.price_slope(budget, run.slope, p, price_f, total)
                    price_slope_of[p] = slope
                    stale_slope[p] = slope / sat_f[p]
                dirty[p] = False
            best = min(best, stale[p])
            evaluated.append(p)
        if not evaluated:
            break
        near = [p for p in evaluated if stale[p] <= best * upper]
        if len(near) == 1:
            winner = near[0]
        else:
            exact = {p: run.exact_price(p, price_of[p]) for p in near}
            winner = min(exact, key=lambda p: (exact[p] / support.sat[p], int(rank[p])))
            result.stable_for = 0.0
        if track and result.stable_for > 0:
            groups = run.live_members(winner)
            gaps = budget[groups] - price_of[winner]
            slopes = (run.slope[groups] - price_slope_of[winner]) * np.sign(gaps)
            result.limit_horizon(np.abs(gaps), slopes, max(price_of[winner], run.share_f))
            others = np.array([p for p in active if p != winner], dtype=np.int64)
            result.limit_horizon(
                stale[others] - stale[winner],
                stale_slope[others] - stale_slope[winner],
                stale[winner],
            )
        run.pay(winner, price_of[winner], price_slope_of[winner])
        dirty[start.overlapping(winner)] = True
        rounds.append(round_number)
        active.discard(winner)
        for p in evaluated:
            if p != winner:
                heapq.heappush(heap, (stale[p], rank[p], p))
    result.pending, result.run, result.rounds = rounds, run, round_number
    return result.finish() if finish else result


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
    checkpoints: list[_Checkpoint] = []
    step = 0
    runs = next_tracked = gap = 0
    while True:
        share = base + step
        usable = [c for c in checkpoints if float(share) < c.limit]
        resume = max(usable, key=lambda c: c.rounds) if usable else None
        # Tracking costs time; after a tracked run that was not worth it, track again
        # only after 1, 2, 4, ... runs.
        track = skip and (resume is not None or runs >= next_tracked)
        result = run_mes(
            support, share, start, track=track, finish=False, resume=resume, inherited=checkpoints
        )
        runs += 1
        checkpoints = result.checkpoints
        if track:
            # Worth it when the horizon skips steps, or the next run could start from a
            # checkpoint past a third of this run's rounds.
            reach = max((c.rounds for c in checkpoints if float(share) + 1 < c.limit), default=0)
            useful = result.stable_for >= 1 or reach >= result.rounds / 3
            gap = 0 if useful else max(1, 2 * gap)
            next_tracked = runs + gap
            if not useful:
                checkpoints = []
        spent = sum((support.costs[p] for p in result.selected), Fraction(0))
        if spent > support.budget:
            if previous is None:
                return MesResult(base, free=result.free)
            # The last step within the budget (skipped steps gave the same projects as
            # the last run), run plainly for its exact figures.
            return run_mes(support, share - 1, start)
        if _exhaustive(support, result.selected, candidates):
            return run_mes(support, share, start)
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
