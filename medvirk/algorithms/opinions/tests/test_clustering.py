"""k-means, silhouette, group-count smoothing and the adjusted Rand index."""

from __future__ import annotations

import numpy as np
import pytest

from medvirk.algorithms.opinions.clustering import (
    K_BUFFER,
    KSmoother,
    Members,
    base_clusters,
    kmeans,
    max_groups,
    settle,
    silhouette,
    warm_kmeans,
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


def test_settle_moves_straddling_points_to_the_nearest_group() -> None:
    """Groups built on base clusters can leave a participant nearer to the other group's
    centre; settling moves them over and recentres both groups on their members."""
    points = np.array([[0.0, 0.0], [1.0, 0.0], [4.0, 0.0], [9.0, 0.0], [10.0, 0.0]])
    # as if [4, 0] had come with a base cluster on the right: centres 0.5 and 23/3
    result = settle(points, np.array([[0.5, 0.0], [23.0 / 3.0, 0.0]]))
    assert result.labels.tolist() == [0, 0, 0, 1, 1]
    assert result.centers[:, 0].tolist() == pytest.approx([5.0 / 3.0, 9.5])
    distances = ((points[:, np.newaxis, :] - result.centers) ** 2).sum(axis=2)
    assert (distances.argmin(axis=1) == result.labels).all()


def test_settle_drops_a_group_left_empty() -> None:
    """A centre no point is nearest to disappears; the labels stay consecutive."""
    result = settle(BLOBS, np.array([[0.0, 0.0], [50.0, 50.0], [5.0, 5.0]]))
    assert len(result.centers) == 2
    assert result.labels.tolist() == [0, 0, 0, 1, 1, 1]


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


def test_warm_kmeans_cold_start_is_first_distinct_points() -> None:
    """Without a previous clustering, the clusters start at the first distinct points and
    get ids 0, 1, ... in that order."""
    clustering, members = warm_kmeans(np.arange(6), BLOBS, 2, None)
    assert members.cluster_ids.tolist() == [0, 1]
    assert len(set(clustering.labels[:3])) == 1 and len(set(clustering.labels[3:])) == 1
    assert members.point_ids.tolist() == list(range(6))


def test_warm_kmeans_keeps_clusters_by_members() -> None:
    """A warm start recentres each old cluster on its old members' new places (new points
    belong to no cluster yet), so cluster ids follow their members even when the points
    have moved past each other."""
    previous = Members(np.array([7, 9]), np.arange(6), np.array([0, 0, 0, 1, 1, 1]))
    moved = BLOBS[::-1].copy()  # the first blob now sits where the second was
    clustering, members = warm_kmeans(np.arange(6), moved, 2, previous)
    assert members.cluster_ids.tolist() == [7, 9]
    assert clustering.labels.tolist() == [0, 0, 0, 1, 1, 1]
    assert np.allclose(clustering.centers[0], moved[:3].mean(axis=0))


def test_warm_kmeans_splits_off_the_most_distant_point() -> None:
    """When more clusters are allowed than carried over, the point farthest from every
    centre starts a new cluster with the next id."""
    points = np.vstack([BLOBS, [[20.0, 20.0]]])
    previous = Members(np.array([3]), np.arange(6), np.zeros(6, dtype=np.int64))
    clustering, members = warm_kmeans(np.arange(7), points, 2, previous)
    assert members.cluster_ids.tolist() == [3, 4]
    assert clustering.labels.tolist() == [0] * 6 + [1]


def test_warm_kmeans_weights_and_vanished_members() -> None:
    """Points that left (ids no longer present) are ignored; weights pull the centres."""
    previous = Members(np.array([0, 1]), np.array([100, 101]), np.array([0, 1]))
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0]])
    clustering, members = warm_kmeans(
        np.array([1, 2, 3]), points, 2, previous, weights=np.array([1.0, 3.0, 1.0])
    )
    assert len(members.cluster_ids) == 2
    assert np.allclose(sorted(clustering.centers[:, 0]), [0.75, 10.0])
