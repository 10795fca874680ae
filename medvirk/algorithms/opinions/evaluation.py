"""Agreement between two groupings of the same participants."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def _pairs(counts: np.ndarray) -> float:
    return float((counts * (counts - 1) / 2.0).sum())


def adjusted_rand_index(first: Mapping[int, int], second: Mapping[int, int]) -> float:
    """Hubert and Arabie's adjusted Rand index over the participants both map to a group
    (1 for identical partitions, about 0 for chance; 1 when both put everyone together)."""
    common = sorted(set(first) & set(second))
    if len(common) < 2:
        return float("nan")
    _, a = np.unique([first[p] for p in common], return_inverse=True)
    _, b = np.unique([second[p] for p in common], return_inverse=True)
    table = np.zeros((int(np.max(a)) + 1, int(np.max(b)) + 1))
    np.add.at(table, (a, b), 1)
    index = _pairs(table)
    rows, cols = _pairs(table.sum(axis=1)), _pairs(table.sum(axis=0))
    expected = rows * cols / _pairs(np.array([len(common)]))
    maximum = (rows + cols) / 2.0
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)
