"""Polis' two-level clustering of the projected participants.

1. *Base clusters*: k-means with ``BASE_K`` (100) centres over the participants, so that
   group clustering works on at most 100 weighted points however large the conversation.
2. *Groups*: weighted k-means of the base-cluster centres for every k in 2..max_k, where
   ``max_k = min(5, 2 + n_base_clusters // 12)``; the k with the best silhouette (computed
   on the base-cluster centres) wins.
3. *Smoothing* (when replaying history): a new k is adopted only once it has won
   ``K_BUFFER`` consecutive updates; k-means is warm-started from the previous centres.

Like Polis, k-means starts from the first k distinct points (or the previous centres),
drops clusters that become empty, and stops when no point changes cluster.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import spatial

from medvirk.algorithms.opinions.model import FloatArray, IntArray

BASE_K = 100
MIN_GROUPS = 2
MAX_GROUPS = 5
K_BUFFER = 4
MAX_ITERATIONS = 20
GROUP_RESTARTS = 0


@dataclass(frozen=True)
class Clustering:
    """Cluster centres (``k × 2``) and the cluster index of every point."""

    centers: FloatArray
    labels: IntArray


def _squared_distances(points: FloatArray, centers: FloatArray) -> FloatArray:
    cross = points @ centers.T
    result = (points**2).sum(axis=1)[:, np.newaxis] - 2.0 * cross + (centers**2).sum(axis=1)
    return np.maximum(result, 0.0)


def _nearest(points: FloatArray, centers: FloatArray) -> IntArray:
    """Index of each point's nearest centre (a k-d tree: fast for many points)."""
    _, index = spatial.cKDTree(centers).query(points, k=1)
    return np.asarray(index, dtype=np.int64)


def _first_distinct(points: FloatArray, count: int, avoid: FloatArray) -> FloatArray:
    """The first ``count`` distinct 2-D points (in order) that are not in ``avoid``."""
    _, first = np.unique(points[:, 0] + 1j * points[:, 1], return_index=True)
    chosen = []
    seen = {tuple(row) for row in avoid}
    for index in np.sort(first):
        row = tuple(points[index])
        if row not in seen:
            chosen.append(points[index])
            seen.add(row)
            if len(chosen) == count:
                break
    return np.array(chosen).reshape(-1, points.shape[1])


def _start_centers(points: FloatArray, k: int, init: FloatArray | None) -> FloatArray:
    """Previous centres cut or topped up to ``k``: extra centres merge into their nearest
    neighbour, missing ones come from the first distinct points not yet used."""
    centers = np.empty((0, points.shape[1])) if init is None else np.array(init, dtype=float)
    while len(centers) > k:
        distances = _squared_distances(centers, centers)
        np.fill_diagonal(distances, np.inf)
        a, b = np.unravel_index(np.argmin(distances), distances.shape)
        merged = (centers[a] + centers[b]) / 2.0
        centers = np.vstack([np.delete(centers, [a, b], axis=0), merged])
    if len(centers) < k:
        centers = np.vstack([centers, _first_distinct(points, k - len(centers), centers)])
    return centers


def _plus_plus(
    points: FloatArray, k: int, weights: FloatArray, rng: np.random.Generator
) -> FloatArray:
    """k-means++ seeding (weighted): each new centre drawn with probability ∝ w·d²."""
    centers = [points[rng.choice(len(points), p=weights / weights.sum())]]
    for _ in range(1, k):
        nearest = _squared_distances(points, np.array(centers)).min(axis=1) * weights
        if nearest.sum() <= 0:
            break
        centers.append(points[rng.choice(len(points), p=nearest / nearest.sum())])
    return np.array(centers)


def inertia(points: FloatArray, clustering: Clustering, weights: FloatArray) -> float:
    """Weighted sum of squared distances of the points to their centres."""
    offsets = points - clustering.centers[clustering.labels]
    return float((weights * (offsets**2).sum(axis=1)).sum())


def kmeans(
    points: FloatArray,
    k: int,
    weights: FloatArray | None = None,
    init: FloatArray | None = None,
    restarts: int = 0,
    seed: int = 0,
) -> Clustering:
    """Weighted Lloyd k-means from ``init`` (topped up Polis-style), plus ``restarts``
    k-means++ starts drawn with ``seed``; the start with the least inertia wins."""
    weights = np.ones(len(points)) if weights is None else weights
    best = _lloyd(points, weights, _start_centers(points, k, init))
    rng = np.random.default_rng(seed)
    for _ in range(restarts):
        candidate = _lloyd(points, weights, _plus_plus(points, k, weights, rng))
        if inertia(points, candidate, weights) < inertia(points, best, weights) - 1e-9:
            best = candidate
    return best


def _lloyd(points: FloatArray, weights: FloatArray, centers: FloatArray) -> Clustering:
    """Lloyd iterations until no point changes cluster; empty clusters are dropped."""
    labels = np.full(len(points), -1)
    for _ in range(MAX_ITERATIONS):
        new_labels = _nearest(points, centers)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
        mass = np.bincount(labels, weights=weights, minlength=len(centers))
        sums = np.stack(
            [
                np.bincount(labels, weights=weights * points[:, axis], minlength=len(centers))
                for axis in range(points.shape[1])
            ],
            axis=1,
        )
        alive = mass > 0
        centers = sums[alive] / mass[alive, np.newaxis]
        labels = np.cumsum(alive)[labels] - 1
    return Clustering(centers=centers, labels=labels)


def silhouette(points: FloatArray, labels: IntArray) -> float:
    """Mean silhouette coefficient (0 for points alone in their cluster)."""
    clusters = np.unique(labels)
    if len(clusters) < 2:
        return -1.0
    distances = np.sqrt(_squared_distances(points, points))
    one_hot = labels[:, np.newaxis] == clusters[np.newaxis, :]
    sizes = one_hot.sum(axis=0)
    sums = distances @ one_hot
    own = np.searchsorted(clusters, labels)
    own_size = sizes[own]
    inner = np.where(
        own_size > 1, sums[np.arange(len(points)), own] / np.maximum(own_size - 1, 1), 0.0
    )
    other = sums / sizes
    other[np.arange(len(points)), own] = np.inf
    nearest = other.min(axis=1)
    scores = np.where(
        own_size > 1, (nearest - inner) / np.maximum(np.maximum(nearest, inner), 1e-12), 0.0
    )
    return float(scores.mean())


def base_clusters(coordinates: FloatArray, init: FloatArray | None = None) -> Clustering:
    """Up to ``BASE_K`` base clusters of the participants' coordinates."""
    return kmeans(coordinates, BASE_K, init=init)


def max_groups(n_base_clusters: int) -> int:
    """Polis' cap on the number of groups: ``min(5, 2 + n_base_clusters // 12)``."""
    return min(MAX_GROUPS, MIN_GROUPS + n_base_clusters // 12)


def group_clusterings(
    base: Clustering,
    previous: dict[int, FloatArray] | None = None,
    restarts: int = GROUP_RESTARTS,
    seed: int = 0,
) -> dict[int, Clustering]:
    """Groups of the base-cluster centres, weighted by their sizes, for every allowed k."""
    weights = np.bincount(base.labels, minlength=len(base.centers)).astype(float)
    previous = previous or {}
    return {
        k: kmeans(
            base.centers, k, weights=weights, init=previous.get(k), restarts=restarts, seed=seed
        )
        for k in range(MIN_GROUPS, max_groups(len(base.centers)) + 1)
        if k <= len(base.centers)
    }


def best_k(scores: dict[int, float]) -> int:
    """The k with the highest silhouette (the smallest such k on ties)."""
    return max(scores, key=lambda k: (scores[k], -k))


@dataclass(frozen=True)
class KSmoother:
    """Polis' group-count smoothing: ``smoothed_k`` changes only after the same k won
    ``K_BUFFER`` consecutive updates."""

    last_k: int | None = None
    count: int = 0
    smoothed_k: int | None = None

    def update(self, this_k: int) -> KSmoother:
        count = self.count + 1 if this_k == self.last_k else 1
        if count >= K_BUFFER or self.smoothed_k is None:
            return KSmoother(this_k, count, this_k)
        return KSmoother(this_k, count, self.smoothed_k)
