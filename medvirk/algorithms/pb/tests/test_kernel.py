"""The compiled candidate evaluation gives what its numpy twin gives, and refuses arrays
it cannot read."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from medvirk.algorithms.pb.rules import mes

pytestmark = pytest.mark.usefixtures("mes_kernel")


def _elections(seed: int) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    rng = np.random.default_rng(seed)
    num_groups, num_projects = int(rng.integers(1, 60)), int(rng.integers(1, 12))
    members = [
        np.sort(rng.choice(num_groups, int(rng.integers(1, num_groups + 1)), replace=False))
        for _ in range(num_projects)
    ]
    group_weight = rng.integers(1, 9, num_groups).astype(np.float64)
    weights = [group_weight[m] for m in members]
    # Budgets with ties and groups that have paid all they had (zero).
    budget = rng.choice([0.0, 1.0, 2.5, 3.0], num_groups) * rng.integers(0, 2, num_groups)
    budget = budget + rng.random(num_groups) * rng.integers(0, 2, num_groups)
    return members, weights, budget


def _both(members: list[np.ndarray], weights: list[np.ndarray]) -> tuple[Any, Any]:
    """The steps MES uses now (compiled or numpy, by the fixture) and the numpy twins."""
    return mes._supporters(members, weights), mes._NumpySupporters(members, weights)


@pytest.mark.parametrize("seed", range(60))
def test_compiled_and_numpy_evaluations_agree(seed: int, mes_kernel: str) -> None:
    members, weights, budget = _elections(seed)
    chosen, reference = _both(members, weights)
    assert isinstance(chosen, mes._NumpySupporters) == (mes_kernel == "numpy")
    rng = np.random.default_rng(1000 + seed)
    for project, (groups, w) in enumerate(zip(members, weights, strict=True)):
        held = float(budget[groups] @ w)
        total = float(w.sum())
        for cost in (held * 0.3, held * 0.9, held, held * 1.2 + 1):
            for beat in (math.inf, float(rng.random() * 3)):
                lower = float(rng.random()) * cost / total
                need = cost * (1 - mes.TOLERANCE)
                got = chosen.evaluate(budget, project, cost, total, lower, beat, need)
                want = reference.evaluate(budget, project, cost, total, lower, beat, need)
                assert got[0] == pytest.approx(want[0], rel=1e-12)
                assert got[2] == want[2]
                if math.isnan(want[1]):
                    assert math.isnan(got[1])
                else:
                    assert got[1] == pytest.approx(want[1], rel=1e-12)
                if want[2] == 1 and held > 0:
                    # The price found pays the cost exactly (up to float rounding).
                    pays = float(np.minimum(budget[groups], got[1]) @ w)
                    assert pays == pytest.approx(min(cost, held), rel=1e-9)


def test_the_compiled_kernel_refuses_arrays_it_cannot_read() -> None:
    if not mes.compiled_available():
        pytest.skip("The compiled MES kernel is not built.")
    from medvirk.algorithms.pb.rules._mes_kernel import Supporters

    indptr = np.array([0, 2, 3], dtype=np.int64)
    groups = np.array([0, 1, 1], dtype=np.int64)
    weights = np.array([1.0, 2.0, 2.0])
    with pytest.raises(TypeError, match="int64"):
        Supporters(indptr.astype(np.int32), groups, weights)
    with pytest.raises(TypeError, match="float64"):
        Supporters(indptr, groups, weights.astype(np.float32))
    with pytest.raises(ValueError, match="do not fit"):
        Supporters(indptr, groups, weights[:2])
    with pytest.raises(ValueError, match="valid index"):
        Supporters(np.array([0, 4, 3], dtype=np.int64), groups, weights)
    kernel = Supporters(indptr, groups, weights)
    with pytest.raises(IndexError, match="project"):
        kernel.evaluate(np.ones(2), 2, 1.0, 2.0, 0.0, math.inf, 0.0)
    with pytest.raises(IndexError, match="group"):
        kernel.evaluate(np.ones(1), 0, 1.0, 3.0, 0.0, math.inf, 0.0)
    with pytest.raises(TypeError, match="float64"):
        kernel.evaluate(np.ones(2, dtype=np.int64), 0, 1.0, 3.0, 0.0, math.inf, 0.0)
    with pytest.raises(TypeError, match="7 arguments"):
        kernel.evaluate(np.ones(2), 0)
    with pytest.raises(ValueError, match="one value per supporter group"):
        kernel.pay(np.ones(2), 0, 1.0, 0.0, np.empty(1))
    frozen = np.ones(2)
    frozen.flags.writeable = False
    with pytest.raises(TypeError, match="writable"):
        kernel.pay(frozen, 0, 1.0, 0.0, np.empty(2))
    with pytest.raises(IndexError, match="group"):
        kernel.pay(np.ones(1), 0, 1.0, 0.0, np.empty(2))
    with pytest.raises(TypeError):
        kernel.evaluate(np.ones(2), "0", 1.0, 3.0, 0.0, math.inf, 0.0)
    with pytest.raises(TypeError):
        kernel.evaluate(np.ones(2), 0, "1", 3.0, 0.0, math.inf, 0.0)
    # A numpy integer is a project number too.
    held, price, final = kernel.evaluate(
        np.array([1.0, 4.0]), np.int64(0), 5.0, 3.0, 0.0, math.inf, 0.0
    )
    # Group 0 (1 voter, 1.0) pays all it has; group 1 (2 voters) pays 2.0 each.
    assert (held, price, final) == (9.0, 2.0, 1)


@pytest.mark.parametrize("seed", range(30))
def test_compiled_and_numpy_payments_agree(seed: int) -> None:
    members, weights, budget = _elections(seed)
    chosen, reference = _both(members, weights)
    for project, groups in enumerate(members):
        price = float(np.median(budget[groups]))
        for tol in (0.0, 0.3):
            got_budget, want_budget = budget.copy(), budget.copy()
            got_before, want_before = np.empty(len(groups)), np.empty(len(groups))
            near = chosen.pay(got_budget, project, price, tol, got_before)
            assert near == reference.pay(want_budget, project, price, tol, want_before)
            assert np.array_equal(got_budget, want_budget)
            assert np.array_equal(got_before, budget[groups])
            assert np.array_equal(got_before, want_before)
            charged = budget[groups] - got_budget[groups]
            assert np.allclose(charged, np.minimum(budget[groups], price))
            assert near == int(np.count_nonzero(np.abs(budget[groups] - price) <= tol))


@pytest.mark.parametrize("seed", range(30))
def test_compiled_and_numpy_slopes_agree(seed: int) -> None:
    members, weights, budget = _elections(seed)
    chosen, reference = _both(members, weights)
    rng = np.random.default_rng(2000 + seed)
    slope = rng.random(len(budget)) * (budget > 0)
    for project, (groups, w) in enumerate(zip(members, weights, strict=True)):
        price = float(np.median(budget[groups]))
        total = float(w.sum())
        if np.all(budget[groups] < price):
            continue
        assert chosen.price_slope(budget, slope, project, price, total) == pytest.approx(
            reference.price_slope(budget, slope, project, price, total), rel=1e-12
        )
        for tol in (0.0, 0.3):
            got_budget, want_budget = budget.copy(), budget.copy()
            got_slope, want_slope = slope.copy(), slope.copy()
            near = chosen.pay(
                got_budget, project, price, tol, np.empty(len(groups)), got_slope, 0.5
            )
            reference.pay(want_budget, project, price, tol, np.empty(len(groups)), want_slope, 0.5)
            assert np.array_equal(got_budget, want_budget)
            assert np.array_equal(got_slope, want_slope)
            if near:  # left for the caller, which decides the close ones exactly first
                assert np.array_equal(got_slope, slope)
            else:
                paid_all = got_budget[groups] == 0
                assert np.all(got_slope[groups][paid_all] == 0)
                assert np.allclose(got_slope[groups][~paid_all], slope[groups][~paid_all] - 0.5)


def test_a_price_search_that_runs_out_of_steps_is_finished_by_sorting(monkeypatch) -> None:
    """Where the C step gives up (final -1, its price meaningless), MES sorts instead and
    reaches the same outcome."""
    from medvirk.algorithms.pb.pabulib import read_pabulib
    from medvirk.algorithms.pb.rules.support import build_support
    from medvirk.testing.shared_data import shared_data_dir

    support = build_support(
        read_pabulib(shared_data_dir("pabulib") / "Netherlands_Amsterdam_622.pb"),
        "cost",
        "lexicographic",
    )
    expected = mes.run_mes(support, support.budget / support.num_voters).selected
    real = mes._supporters
    gave_up = []

    class GivingUp:
        def __init__(self, *args: Any) -> None:
            self.steps = real(*args)
            self.pay, self.price_slope = self.steps.pay, self.steps.price_slope

        def evaluate(self, *args: Any) -> tuple[float, float, int]:
            held, price, final = self.steps.evaluate(*args)
            if final == 1:
                gave_up.append(args[1])
                return held, -1.0, -1
            return held, price, final

    monkeypatch.setattr(mes, "_supporters", GivingUp)
    assert mes.run_mes(support, support.budget / support.num_voters).selected == expected
    assert gave_up
