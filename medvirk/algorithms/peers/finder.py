"""Similar challenges, better results: the peer finder.

**Distance.** Every numeric context measure ``j`` is put on a common scale with a robust
z-score over all rows that have it::

    z_ij = (x_ij - median_j) / (1.4826 * MAD_j)

(1.4826 · MAD estimates the standard deviation of normal data while ignoring outliers
such as Oslo's population). Where MAD is 0 the standard deviation is used, and where that
is 0 too the measure cannot tell rows apart and is scaled by 1. A categorical context
measure (a KOSTRA group, say) counts as a difference of ``CATEGORY_MISMATCH`` (2 robust
standard deviations) when the categories differ, and 0 when they match.

A measure marked ``log`` is compared on a log scale (``log x``) before scoring.

The distance from the home row ``h`` to row ``i`` is a weighted root mean square of those
differences over the context measures both rows have::

    d_i = sqrt( sum_j w_j (z_ij - z_hj)^2 / sum_j w_j )

so a distance of 1 means "on average one robust standard deviation apart", whatever the
number of measures chosen. The similarity is ``exp(-d_i)`` (1 = identical, 0.37 = one
standard deviation apart); each measure's own similarity is ``exp(-|z_ij - z_hj|)``.
Rows that share no context measure with the home row are left out.

**Targets.** For each target measure the gain is ``value_i - value_h`` turned so that a
positive number is better (``higher_is_better``), and also given in robust standard
deviations. A row is a peer when it does better on every target it has data for (or on at
least one, with ``require="any"``). Peers are ranked by similarity, most similar first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

MAD_TO_SD = 1.4826
CATEGORY_MISMATCH = 2.0

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class PeerMatrix:
    """Rows (municipality numbers) × numeric columns (measure codes), NaN where missing,
    plus categorical columns (one label per row)."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: FloatArray
    categories: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        shape = (len(self.rows), len(self.columns))
        if self.values.shape != shape:
            raise ValueError(f"values has shape {self.values.shape}, expected {shape}")
        for name, labels in self.categories.items():
            if len(labels) != len(self.rows):
                raise ValueError(
                    f"category {name!r} has {len(labels)} labels for {len(self.rows)} rows"
                )
        object.__setattr__(self, "_position", {c: j for j, c in enumerate(self.columns)})
        object.__setattr__(self, "_row_position", {r: i for i, r in enumerate(self.rows)})

    def position(self, column: str) -> int:
        position: dict[str, int] = self._position  # type: ignore[attr-defined]
        return position[column]

    def row_position(self, row: str) -> int:
        position: dict[str, int] = self._row_position  # type: ignore[attr-defined]
        return position[row]

    @classmethod
    def from_rows(
        cls,
        data: Mapping[str, Mapping[str, float | None]],
        *,
        categories: Mapping[str, Mapping[str, str]] | None = None,
    ) -> PeerMatrix:
        """Build from ``{row: {column: value}}`` (missing or None becomes NaN)."""
        rows = tuple(sorted(data))
        columns = tuple(sorted({c for values in data.values() for c in values}))
        position = {c: j for j, c in enumerate(columns)}
        values = np.full((len(rows), len(columns)), np.nan)
        for i, row in enumerate(rows):
            for column, value in data[row].items():
                if value is not None:
                    values[i, position[column]] = float(value)
        labels = {
            name: tuple(mapping.get(row, "") for row in rows)
            for name, mapping in (categories or {}).items()
        }
        return cls(rows=rows, columns=columns, values=values, categories=labels)

    def column(self, name: str) -> FloatArray:
        return self.values[:, self.position(name)]


@dataclass(frozen=True)
class ContextMeasure:
    """A context measure; ``log`` compares it on a log scale (for sizes such as
    population or area, where 1,000 against 2,000 is as far apart as 50,000 against
    100,000). Values at or below 0 then count as missing."""

    column: str
    weight: float = 1.0
    log: bool = False


@dataclass(frozen=True)
class TargetMeasure:
    column: str
    higher_is_better: bool = True


@dataclass(frozen=True)
class MeasureMatch:
    column: str
    home_value: float | str | None
    value: float | str | None
    difference_sd: float | None  # |z_i - z_h|, None when either is missing
    similarity: float | None


@dataclass(frozen=True)
class TargetGain:
    column: str
    home_value: float | None
    value: float | None
    gain: float | None  # positive = better, in the measure's own unit
    gain_sd: float | None  # the same in robust standard deviations
    better: bool


@dataclass(frozen=True)
class Peer:
    row: str
    rank: int
    similarity: float
    distance: float
    context: tuple[MeasureMatch, ...]
    targets: tuple[TargetGain, ...]

    @property
    def better_on(self) -> int:
        return sum(1 for target in self.targets if target.better)


@dataclass(frozen=True)
class PeerAnswer:
    home: str
    peers: tuple[Peer, ...]
    considered: int  # rows compared with the home row
    matching: int  # rows that also do better on the targets


def _nan_median(values: FloatArray, counts: npt.NDArray[np.int64]) -> FloatArray:
    """Column medians ignoring NaN (sorting puts NaN last), for columns with counts > 0.
    Much faster than ``np.nanmedian`` on small matrices with gaps."""
    ordered = np.sort(values, axis=0)
    low = np.maximum((counts - 1) // 2, 0)
    high = np.maximum(counts // 2, 0)
    columns = np.arange(values.shape[1])
    return (ordered[low, columns] + ordered[high, columns]) / 2.0


def robust_scale(values: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Column medians and robust scales (1.4826·MAD, else SD, else 1), NaN-aware.
    A column with no values gets median NaN and scale 1."""
    present = ~np.isnan(values)
    counts = present.sum(axis=0)
    with np.errstate(all="ignore"):
        median = _nan_median(values, counts)
        mad = _nan_median(np.abs(values - median), counts) * MAD_TO_SD
        mean = np.where(present, values, 0.0).sum(axis=0) / counts
        sd = np.sqrt(np.where(present, (values - mean) ** 2, 0.0).sum(axis=0) / counts)
    empty = counts == 0
    median[empty] = np.nan
    scale = np.where(mad > 0, mad, np.where(sd > 0, sd, 1.0))
    scale[empty | np.isnan(scale)] = 1.0
    return median, scale


def _float(value: float) -> float | None:
    return None if math.isnan(value) else value


def find_peers(
    matrix: PeerMatrix,
    *,
    home: str,
    context: Sequence[ContextMeasure],
    targets: Sequence[TargetMeasure] = (),
    limit: int = 10,
    require: Literal["all", "any"] = "all",
) -> PeerAnswer:
    """The rows most similar to ``home`` on the context measures that do better on the
    targets, most similar first (see the module documentation for the distance)."""
    if home not in matrix._row_position:  # type: ignore[attr-defined]
        raise KeyError(f"unknown row {home!r}")
    if not context:
        raise ValueError("choose at least one context measure")
    for measure in context:
        if (
            measure.column not in matrix._position  # type: ignore[attr-defined]
            and measure.column not in matrix.categories
        ):
            raise KeyError(f"unknown context measure {measure.column!r}")
        if measure.weight <= 0:
            raise ValueError(f"weight of {measure.column!r} must be positive")
    for target in targets:
        if target.column not in matrix._position:  # type: ignore[attr-defined]
            raise KeyError(f"unknown target measure {target.column!r}")
    h = matrix.row_position(home)
    n = len(matrix.rows)

    numeric = [m for m in context if m.column not in matrix.categories]
    categorical = [m for m in context if m.column in matrix.categories]
    k = len(numeric) + len(categorical)
    # differences (n × k) in robust standard deviations, NaN where missing
    differences = np.full((n, k), np.nan)
    weights = np.array([m.weight for m in numeric] + [m.weight for m in categorical])
    if numeric:
        indices = [matrix.position(m.column) for m in numeric]
        block = matrix.values[:, indices].copy()
        logged = [j for j, m in enumerate(numeric) if m.log]
        if logged:
            with np.errstate(all="ignore"):
                part = block[:, logged]
                block[:, logged] = np.where(part > 0, np.log(part), np.nan)
        median, scale = robust_scale(block)
        z = (block - median) / scale
        differences[:, : len(numeric)] = np.abs(z - z[h])
    for offset, measure in enumerate(categorical, start=len(numeric)):
        labels = matrix.categories[measure.column]
        home_label = labels[h]
        differences[:, offset] = [
            np.nan
            if not label or not home_label
            else (0.0 if label == home_label else CATEGORY_MISMATCH)
            for label in labels
        ]
    present = ~np.isnan(differences)
    weight_sum = (present * weights).sum(axis=1)
    squared = np.where(present, differences**2, 0.0) @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        distance = np.sqrt(squared / weight_sum)
    comparable = weight_sum > 0
    comparable[h] = False

    # targets: gain in the better direction
    target_idx = [matrix.position(t.column) for t in targets]
    signs = np.array([1.0 if t.higher_is_better else -1.0 for t in targets])
    if targets:
        target_block = matrix.values[:, target_idx]
        _median, target_scale = robust_scale(target_block)
        gains = (target_block - target_block[h]) * signs
        better = np.nan_to_num(gains, nan=0.0) > 0
        known = ~np.isnan(gains)
        if require == "all":
            ok = known.any(axis=1) & (better | ~known).all(axis=1)
        else:
            ok = better.any(axis=1)
    else:
        target_block = np.empty((n, 0))
        target_scale = np.empty(0)
        gains = np.empty((n, 0))
        better = np.empty((n, 0), dtype=bool)
        ok = np.ones(n, dtype=bool)
    chosen = np.flatnonzero(comparable & ok)
    order = chosen[np.argsort(distance[chosen], kind="stable")][:limit]

    numeric_values = matrix.values[:, [matrix.position(m.column) for m in numeric]]
    home_numeric = numeric_values[h].tolist()
    home_targets = target_block[h].tolist() if targets else []
    peers = []
    for rank, i in enumerate(order.tolist(), start=1):
        diffs = differences[i].tolist()
        values_here = numeric_values[i].tolist()
        matches = []
        for j, measure in enumerate(numeric):
            diff = diffs[j]
            missing = math.isnan(diff)
            matches.append(
                MeasureMatch(
                    column=measure.column,
                    home_value=_float(home_numeric[j]),
                    value=_float(values_here[j]),
                    difference_sd=None if missing else diff,
                    similarity=None if missing else math.exp(-diff),
                )
            )
        for j, measure in enumerate(categorical, start=len(numeric)):
            diff = diffs[j]
            missing = math.isnan(diff)
            labels = matrix.categories[measure.column]
            matches.append(
                MeasureMatch(
                    column=measure.column,
                    home_value=labels[h] or None,
                    value=labels[i] or None,
                    difference_sd=None if missing else diff,
                    similarity=None if missing else math.exp(-diff),
                )
            )
        gains_here = []
        if targets:
            gain_row = gains[i].tolist()
            value_row = target_block[i].tolist()
            better_row = better[i].tolist()
            for t, target in enumerate(targets):
                gain = gain_row[t]
                gains_here.append(
                    TargetGain(
                        column=target.column,
                        home_value=_float(home_targets[t]),
                        value=_float(value_row[t]),
                        gain=_float(gain),
                        gain_sd=None if math.isnan(gain) else gain / float(target_scale[t]),
                        better=bool(better_row[t]),
                    )
                )
        peers.append(
            Peer(
                row=matrix.rows[i],
                rank=rank,
                similarity=math.exp(-float(distance[i])),
                distance=float(distance[i]),
                context=tuple(matches),
                targets=tuple(gains_here),
            )
        )
    return PeerAnswer(
        home=home,
        peers=tuple(peers),
        considered=int(comparable.sum()),
        matching=int(chosen.size),
    )
