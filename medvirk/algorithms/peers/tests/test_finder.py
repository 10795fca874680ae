"""The peer finder: robust z-scores, weighted Euclidean distance, similarity exp(-d),
targets with direction, and missing data handled."""

from __future__ import annotations

import math

import numpy as np
import pytest

from medvirk.algorithms.peers import (
    ContextMeasure,
    PeerMatrix,
    TargetMeasure,
    find_peers,
    robust_scale,
)


def _matrix() -> PeerMatrix:
    return PeerMatrix.from_rows(
        {
            "home": {"pop": 100.0, "density": 10.0, "result": 1.0, "debt": 80.0},
            "twin": {"pop": 100.0, "density": 10.0, "result": 3.0, "debt": 70.0},
            "near": {"pop": 110.0, "density": 11.0, "result": 2.0, "debt": 60.0},
            "far": {"pop": 500.0, "density": 90.0, "result": 9.0, "debt": 10.0},
            "worse": {"pop": 101.0, "density": 10.0, "result": 0.5, "debt": 90.0},
            "gaps": {"pop": None, "density": 10.5, "result": 4.0, "debt": None},
        },
        categories={
            "group": {
                "home": "EKG01",
                "twin": "EKG01",
                "near": "EKG02",
                "far": "EKG01",
                "worse": "EKG01",
                "gaps": "",
            }
        },
    )


def test_robust_scale_uses_mad_then_sd_then_one() -> None:
    """Median and 1.4826·MAD per column; a column with MAD 0 falls back to the standard
    deviation, and a constant column to 1; NaN is ignored."""
    values = np.array(
        [[1.0, 5.0, 3.0], [2.0, 5.0, 3.0], [3.0, 5.0, 3.0], [np.nan, 9.0, 3.0], [4.0, 5.0, 3.0]]
    )
    median, scale = robust_scale(values)
    assert median.tolist() == [2.5, 5.0, 3.0]
    assert scale[0] == pytest.approx(1.4826 * 1.0)
    assert scale[1] == pytest.approx(np.std([5, 5, 5, 9, 5]))
    assert scale[2] == 1.0


def test_distance_is_weighted_rms_of_robust_differences() -> None:
    """The distance equals the documented formula computed by hand, the similarity is
    exp(-d), and each measure's similarity is exp(-|Δz|)."""
    matrix = _matrix()
    context = [ContextMeasure("pop", weight=2.0), ContextMeasure("density")]
    answer = find_peers(matrix, home="home", context=context, limit=10)
    _median, scale = robust_scale(
        matrix.values[:, [matrix.columns.index("density"), matrix.columns.index("pop")]]
    )
    near = next(p for p in answer.peers if p.row == "near")
    dz_density = abs(11.0 - 10.0) / scale[0]
    dz_pop = abs(110.0 - 100.0) / scale[1]
    expected = math.sqrt((2.0 * dz_pop**2 + dz_density**2) / 3.0)
    assert near.distance == pytest.approx(expected)
    assert near.similarity == pytest.approx(math.exp(-expected))
    pop = next(m for m in near.context if m.column == "pop")
    assert pop.similarity == pytest.approx(math.exp(-dz_pop))
    assert (pop.home_value, pop.value) == (100.0, 110.0)


def test_ranked_by_similarity_and_better_on_targets() -> None:
    """Only rows that do better on every target (higher result, lower debt) are peers,
    most similar first; the home row is never its own peer."""
    answer = find_peers(
        _matrix(),
        home="home",
        context=[ContextMeasure("pop"), ContextMeasure("density")],
        targets=[TargetMeasure("result"), TargetMeasure("debt", higher_is_better=False)],
    )
    assert [p.row for p in answer.peers] == ["twin", "gaps", "near", "far"]
    twin = answer.peers[0]
    assert twin.similarity == pytest.approx(1.0)
    assert [(t.column, t.gain, t.better) for t in twin.targets] == [
        ("result", 2.0, True),
        ("debt", 10.0, True),
    ]
    assert answer.considered == 5
    assert answer.matching == 4


def test_missing_values_are_skipped_not_guessed() -> None:
    """A row without population is compared on density only; its missing debt neither
    counts for nor against it."""
    answer = find_peers(
        _matrix(),
        home="home",
        context=[ContextMeasure("pop"), ContextMeasure("density")],
        targets=[TargetMeasure("debt", higher_is_better=False)],
    )
    assert "gaps" not in {p.row for p in answer.peers}  # no debt: nothing shows it is better
    context_only = find_peers(
        _matrix(), home="home", context=[ContextMeasure("pop"), ContextMeasure("density")]
    )
    gaps = next(p for p in context_only.peers if p.row == "gaps")
    pop = next(m for m in gaps.context if m.column == "pop")
    assert pop.value is None and pop.similarity is None


def test_categorical_context_counts_a_mismatch_as_two_sd() -> None:
    """With the KOSTRA group as the only context, rows in the same group have similarity
    1 and others exp(-2); rows without a group are left out."""
    answer = find_peers(_matrix(), home="home", context=[ContextMeasure("group")])
    by_row = {p.row: p.similarity for p in answer.peers}
    assert by_row["twin"] == pytest.approx(1.0)
    assert by_row["near"] == pytest.approx(math.exp(-2.0))
    assert "gaps" not in by_row


def test_require_any_and_limit() -> None:
    """With require='any' a row better on one target is enough; limit caps the list."""
    answer = find_peers(
        _matrix(),
        home="home",
        context=[ContextMeasure("pop")],
        targets=[TargetMeasure("result"), TargetMeasure("debt")],
        require="any",
        limit=2,
    )
    assert len(answer.peers) == 2
    assert all(p.better_on >= 1 for p in answer.peers)


def test_bad_arguments_are_refused() -> None:
    """Unknown rows or measures, no context and non-positive weights raise."""
    matrix = _matrix()
    with pytest.raises(KeyError):
        find_peers(matrix, home="nowhere", context=[ContextMeasure("pop")])
    with pytest.raises(KeyError):
        find_peers(matrix, home="home", context=[ContextMeasure("nothing")])
    with pytest.raises(ValueError):
        find_peers(matrix, home="home", context=[])
    with pytest.raises(ValueError):
        find_peers(matrix, home="home", context=[ContextMeasure("pop", weight=0)])


def test_large_matrix_answers() -> None:
    """357 rows × 200 measures with gaps answers with a full, ordered list (speed is
    measured in benchmarks/peers_speed.py, not here)."""
    rng = np.random.default_rng(7)
    values = rng.normal(size=(357, 200))
    values[rng.random(values.shape) < 0.05] = np.nan
    matrix = PeerMatrix(
        rows=tuple(f"{i:04d}" for i in range(357)),
        columns=tuple(f"m{j}" for j in range(200)),
        values=values,
    )
    answer = find_peers(
        matrix,
        home="0000",
        context=[ContextMeasure(f"m{j}") for j in range(190)],
        targets=[TargetMeasure(f"m{j}") for j in range(190, 192)],
        limit=20,
    )
    similarities = [p.similarity for p in answer.peers]
    assert similarities == sorted(similarities, reverse=True)
    assert 0 < len(answer.peers) <= 20


def test_log_scale_compares_sizes_by_ratio() -> None:
    """On a log scale 100 → 200 is as far as 1 000 → 2 000: rows twice and half the home
    size are equally similar."""
    matrix = PeerMatrix.from_rows(
        {
            "home": {"pop": 1000.0},
            "double": {"pop": 2000.0},
            "half": {"pop": 500.0},
            "far": {"pop": 100000.0},
        }
    )
    answer = find_peers(matrix, home="home", context=[ContextMeasure("pop", log=True)])
    by_row = {p.row: p.similarity for p in answer.peers}
    assert by_row["double"] == pytest.approx(by_row["half"])
    assert by_row["far"] < by_row["double"]
