"""Agreement between a clustering and reference labels: NMI and ARI.

* NMI is the mutual information of the two partitions divided by the arithmetic mean
  of their entropies (the normalisation scikit-learn uses by default), in [0, 1].
* ARI is Hubert and Arabie's adjusted Rand index: the Rand index corrected for chance,
  1 for identical partitions and about 0 for independent ones.

Both take two equally long sequences of hashable labels; how the labels are named does
not matter, only which items share one.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import scipy.sparse as sp


def _contingency(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> np.ndarray:
    if len(truth) != len(predicted):
        raise ValueError(f"label lists differ in length: {len(truth)} and {len(predicted)}")
    if len(truth) == 0:
        return np.zeros((0, 0))
    truth_values, rows = np.unique(np.asarray([str(x) for x in truth]), return_inverse=True)
    pred_values, cols = np.unique(np.asarray([str(x) for x in predicted]), return_inverse=True)
    table = sp.coo_matrix(
        (np.ones(len(rows)), (rows, cols)),
        shape=(len(truth_values), len(pred_values)),
    )
    return np.asarray(table.toarray(), dtype=np.float64)


def _entropy(counts: np.ndarray) -> float:
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


def normalized_mutual_info(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """NMI with arithmetic-mean normalisation; 1.0 when both partitions are trivial."""
    table = _contingency(truth, predicted)
    n = table.sum()
    if n == 0:
        return 1.0
    h_truth = _entropy(table.sum(axis=1))
    h_pred = _entropy(table.sum(axis=0))
    if h_truth == 0.0 and h_pred == 0.0:
        return 1.0
    joint = table / n
    outer = np.outer(table.sum(axis=1), table.sum(axis=0)) / (n * n)
    nz = joint > 0
    mutual = float((joint[nz] * np.log(joint[nz] / outer[nz])).sum())
    return max(0.0, mutual / ((h_truth + h_pred) / 2.0))


def adjusted_rand_index(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Adjusted Rand index; 1.0 when both partitions are identical (or trivial)."""
    table = _contingency(truth, predicted)
    n = table.sum()

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2.0).sum())

    index = pairs(table)
    rows = pairs(table.sum(axis=1))
    cols = pairs(table.sum(axis=0))
    total = n * (n - 1) / 2.0
    if total == 0:
        return 1.0
    expected = rows * cols / total
    maximum = (rows + cols) / 2.0
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)
