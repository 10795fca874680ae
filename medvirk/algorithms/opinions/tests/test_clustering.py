"""k-means, silhouette, group-count smoothing and the adjusted Rand index."""

from __future__ import annotations

import numpy as np
import pytest

from medvirk.algorithms.opinions.clustering import (
    K_BUFFER,
    KSmoother,
    base_clusters,
    kmeans,
    max_groups,
    silhouette,
)
from medvirk.algorithms.opinions.evaluation import adjusted_rand_index

BLOBS = np.array([[0.0, 0.0], [0.1, 0.0], [0.0, 0.1], [5.0, 5.0], [5.1, 5.0], [5.0, 5.1]])


def test_kmeans_separates_two_blobs() -> None:
    """Two well-separated blobs end in two clusters with the right members."""
    result = kmeans(BLOBS, 2)
    assert len(set(result.labels[:3])) == 1 and len(set(result.labels[3:])) == 1
    assert result.labels[0] != result.labels[3]


def test_kmeans_honours_weights() -> None:
    """A heavy point pulls its centre towards itself."""
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0]])
    result = kmeans(points, 2, weights=np.array([1.0, 3.0, 1.0]))
    assert sorted(c[0] for c in result.centers) == pytest.approx([0.75, 10.0])


def test_kmeans_warm_start_keeps_cluster_order() -> None:
    """Started from given centres, cluster i stays the one nearest centre i."""
    result = kmeans(BLOBS, 2, init=np.array([[5.0, 5.0], [0.0, 0.0]]))
    assert result.labels.tolist() == [1, 1, 1, 0, 0, 0]


def test_base_clusters_are_at_most_one_per_distinct_point() -> None:
    """Fewer distinct points than 100 give one base cluster per point."""
    assert len(base_clusters(BLOBS).centers) == len(BLOBS)


def test_silhouette_prefers_the_true_split() -> None:
    """The blob split scores near 1, a mixed split lower."""
    good = silhouette(BLOBS, np.array([0, 0, 0, 1, 1, 1]))
    bad = silhouette(BLOBS, np.array([0, 1, 0, 1, 0, 1]))
    assert good > 0.9 > bad


def test_max_groups_follows_polis() -> None:
    """At most 2 + n/12 groups, never more than 5."""
    assert [max_groups(n) for n in (6, 12, 30, 100)] == [2, 3, 4, 5]


def test_smoother_waits_for_consecutive_wins() -> None:
    """A new k is adopted only after winning K_BUFFER updates in a row."""
    smoother = KSmoother().update(2)
    for _ in range(K_BUFFER - 1):
        smoother = smoother.update(3)
        assert smoother.smoothed_k == 2
    assert smoother.update(3).smoothed_k == 3
    assert smoother.update(4).smoothed_k == 2


def test_adjusted_rand_index() -> None:
    """1 for the same partition under other names, negative or near 0 for unrelated ones,
    computed over the participants both assign."""
    assert adjusted_rand_index({1: 0, 2: 0, 3: 1, 4: 1}, {1: 5, 2: 5, 3: 7, 4: 7, 9: 0}) == 1.0
    assert adjusted_rand_index({1: 0, 2: 0, 3: 1, 4: 1}, {1: 0, 2: 1, 3: 0, 4: 1}) < 0.0
