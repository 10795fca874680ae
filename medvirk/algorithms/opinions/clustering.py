"""Polis' two-level clustering of the projected participants.

1. *Base clusters*: k-means with ``BASE_K`` (100) centres over the participants, so that
   group clustering works on at most 100 weighted points however large the conversation.
2. *Groups*: weighted k-means of the base-cluster centres for every k in 2..max_k, where
   ``max_k = min(5, 2 + n_base_clusters // 12)``; the k with the best silhouette (computed
   on the base-cluster centres) wins.
3. *Smoothing* (when replaying history): a new k is adopted only once it has won
   ``K_BUFFER`` consecutive updates.
4. *Settling* (:func:`settle`): from the chosen groups' centres, Lloyd steps on the
   participants themselves until none changes group. Polis stops at step 3 and gives each
   participant the group of their base cluster, which can leave a participant nearer to
   another group's centre when a base cluster straddles the boundary; after settling,
   everybody is in the group whose centre is nearest to them on the map.

In one analysis, k-means starts like Polis' from the first k distinct points, drops
clusters that become empty, and stops when no point changes cluster. A replayed update
uses :func:`warm_kmeans` instead: Polis' warm start from the previous clusters' members.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from medvirk.algorithms.opinions.model import FloatArray, IntArray

BASE_K = 100
MIN_GROUPS = 2
MAX_GROUPS = 5
K_BUFFER = 4
MAX_ITERATIONS = 20
GROUP_RESTARTS = 0
SETTLE_ITERATIONS = 100


@dataclass(frozen=True)
class Clustering:
    """Cluster centres (``k × 2``) and the cluster index of every point."""

    centers: FloatArray
    labels: IntArray


def _squared_distances(points: FloatArray, centers: FloatArray) -> FloatArray:
    cross = points @ centers.T
    result = (points**2).sum(axis=1)[:, np.newaxis] - 2.0 * cross + (centers**2).sum(axis=1)
    return np.maximum(result, 0.0)


NEAREST_CHUNK = 8192
# From this many point-centre pairs on, scipy's k-d tree is faster than all distances.
KD_TREE_MIN_PAIRS = 2_000_000


def _nearest(points: FloatArray, centers: FloatArray) -> IntArray:
    """Index of each point's nearest centre. Many points go to scipy's k-d tree. Fewer
    (most conversations) are compared with every centre, their squared distances summed
    over the axes in order as the k-d tree does; a point exactly as near to two centres
    is left to the k-d tree, whose choice among them the results have always followed
    (scipy is imported only then: its import slows the start of every run)."""
    if len(points) * len(centers) >= KD_TREE_MIN_PAIRS:
        from scipy import spatial

        _, tree_index = spatial.cKDTree(centers).query(points, k=1)
        return np.asarray(tree_index, dtype=np.int64)
    index = np.empty(len(points), dtype=np.int64)
    ties = []
    for start in range(0, len(points), NEAREST_CHUNK):
        chunk = points[start : start + NEAREST_CHUNK]
        distances = np.zeros((len(chunk), len(centers)))
        for axis in range(points.shape[1]):
            distances += (chunk[:, axis, np.newaxis] - centers[np.newaxis, :, axis]) ** 2
        nearest = np.argmin(distances, axis=1)
        index[start : start + len(chunk)] = nearest
        lowest = distances[np.arange(len(chunk)), nearest]
        tied = (distances == lowest[:, np.newaxis]).sum(axis=1) > 1
        ties.append(start + np.flatnonzero(tied))
    tied_rows = np.concatenate(ties) if ties else np.empty(0, dtype=np.int64)
    if len(tied_rows):
        from scipy import spatial

        _, tree_index = spatial.cKDTree(centers).query(points[tied_rows], k=1)
        index[tied_rows] = tree_index
    return index


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
    if not restarts:
        return best
    rng = np.random.default_rng(seed)  # numpy.random is imported only here
    for _ in range(restarts):
        candidate = _lloyd(points, weights, _plus_plus(points, k, weights, rng))
        if inertia(points, candidate, weights) < inertia(points, best, weights) - 1e-9:
            best = candidate
    return best


def _lloyd(
    points: FloatArray,
    weights: FloatArray,
    centers: FloatArray,
    max_iterations: int = MAX_ITERATIONS,
) -> Clustering:
    """Lloyd iterations until no point changes cluster; empty clusters are dropped."""
    labels = np.full(len(points), -1)
    for _ in range(max_iterations):
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


def settle(points: FloatArray, centers: FloatArray) -> Clustering:
    """Lloyd steps on the points themselves (each counting once) from the given centres,
    until no point changes group (at most ``SETTLE_ITERATIONS``): afterwards every point
    belongs to the group whose centre, the mean of its members, is nearest. A group
    left empty is dropped."""
    return _lloyd(points, np.ones(len(points)), centers, SETTLE_ITERATIONS)


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


# --- Polis' warm-started k-means (replayed history) ---------------------------------
#
# Between updates Polis carries each cluster's *members*, not only its centre: the next
# update first recentres every old cluster on its old members' new positions, merges
# clusters that landed on the same point, splits off the point farthest from every
# centre as a new cluster until there are as many clusters as allowed, and then runs
# Lloyd steps that stop when the sorted centres move less than ``CENTER_TOLERANCE``.

BASE_ITERATIONS = 100
GROUP_ITERATIONS = 20
CENTER_TOLERANCE = 0.01


@dataclass(frozen=True)
class Members:
    """A clustering as one update hands it to the next: ``cluster_ids[j]`` is the lasting
    id of cluster ``j``, ``point_ids[i]`` the id of point ``i`` (participant id for base
    clusters, base-cluster id for groups) and ``labels[i]`` its cluster index."""

    cluster_ids: IntArray
    point_ids: IntArray
    labels: IntArray


def _weighted_centers(
    points: FloatArray, weights: FloatArray, labels: IntArray, k: int
) -> tuple[FloatArray, FloatArray]:
    """Weighted mean of the points with each label ``0..k-1`` (labels < 0 ignored), and
    the mass of each label."""
    kept = labels >= 0
    mass = np.bincount(labels[kept], weights=weights[kept], minlength=k)
    sums = np.stack(
        [
            np.bincount(labels[kept], weights=(weights * points[:, axis])[kept], minlength=k)
            for axis in range(points.shape[1])
        ],
        axis=1,
    )
    centers = sums / np.maximum(mass, 1e-300)[:, np.newaxis]
    return centers, mass


def _same_centers(first: FloatArray, second: FloatArray) -> bool:
    """Polis' convergence test: the lexicographically sorted centres pair up (as far as
    both go) within ``CENTER_TOLERANCE``."""
    a = first[np.lexsort(first.T[::-1])]
    b = second[np.lexsort(second.T[::-1])]
    n = min(len(a), len(b))
    return bool(np.all(np.sqrt(((a[:n] - b[:n]) ** 2).sum(axis=1)) < CENTER_TOLERANCE))


def _warm_start(
    ids: IntArray, points: FloatArray, weights: FloatArray, k: int, previous: Members
) -> tuple[IntArray, FloatArray]:
    """Cluster ids and centres to start from: the previous clusters recentred on their
    members still present, identical ones merged, then topped up to
    ``min(k, distinct points)`` by splitting off the most distant points."""
    order = np.argsort(ids, kind="stable")
    where = np.searchsorted(ids, previous.point_ids, sorter=order)
    where = np.minimum(where, len(ids) - 1)
    found = ids[order[where]] == previous.point_ids
    labels = np.full(len(ids), -1)
    labels[order[where[found]]] = previous.labels[found]
    centers, mass = _weighted_centers(points, weights, labels, len(previous.cluster_ids))
    alive = mass > 0
    if not alive.any():
        start = _first_distinct(points, k, np.empty((0, points.shape[1])))
        return np.arange(len(start)), start
    cluster_ids = previous.cluster_ids[alive]
    labels = np.where(labels >= 0, (np.cumsum(alive) - 1)[labels], -1)
    centers = centers[alive]
    # clusters whose centres coincide merge into the larger one
    _, first, inverse = np.unique(centers, axis=0, return_index=True, return_inverse=True)
    inverse = np.asarray(inverse).ravel()
    if len(first) < len(centers):
        counts = np.bincount(labels[labels >= 0], minlength=len(centers))
        keep = np.array(
            [
                np.flatnonzero(inverse == g)[np.argmax(counts[inverse == g])]
                for g in range(len(first))
            ]
        )
        cluster_ids = cluster_ids[keep]
        labels = np.where(labels >= 0, inverse[labels], -1)
        centers, _ = _weighted_centers(points, weights, labels, len(keep))
    possible = min(k, len(np.unique(points, axis=0)))
    if len(centers) >= possible:
        return cluster_ids, centers
    distances = np.sqrt(_squared_distances(points, centers))
    while len(centers) < possible:
        nearest = distances.min(axis=1)
        far = len(nearest) - 1 - int(np.argmax(nearest[::-1]))  # the last farthest point
        if nearest[far] <= 0:
            break
        old = int(labels[far])
        labels[far] = len(centers)
        cluster_ids = np.append(cluster_ids, int(np.max(cluster_ids, initial=-1)) + 1)
        centers = np.vstack([centers, points[far]])
        to_new = np.sqrt(((points - points[far]) ** 2).sum(axis=1))
        distances = np.hstack([distances, to_new[:, np.newaxis]])
        if old >= 0:
            members = labels == old
            if members.any():
                centers[old] = np.average(points[members], axis=0, weights=weights[members])
                distances[:, old] = np.sqrt(((points - centers[old]) ** 2).sum(axis=1))
    return cluster_ids, centers


def warm_kmeans(
    ids: IntArray,
    points: FloatArray,
    k: int,
    previous: Members | None,
    weights: FloatArray | None = None,
    max_iterations: int = GROUP_ITERATIONS,
) -> tuple[Clustering, Members]:
    """Polis' k-means of an update: from the previous update's clusters (``previous``,
    matched by point ids) or else from the first ``k`` distinct points; Lloyd steps
    (empty clusters dropped) until the centres move less than ``CENTER_TOLERANCE`` or
    ``max_iterations`` steps. Returns the clustering and what the next update needs."""
    weights = np.ones(len(points)) if weights is None else weights
    if previous is not None and len(previous.cluster_ids):
        cluster_ids, centers = _warm_start(ids, points, weights, k, previous)
    else:
        centers = _first_distinct(points, k, np.empty((0, points.shape[1])))
        cluster_ids = np.arange(len(centers))
    for iteration in range(max_iterations + 1):
        labels = _nearest(points, centers)
        new_centers, mass = _weighted_centers(points, weights, labels, len(centers))
        alive = mass > 0
        labels = (np.cumsum(alive) - 1)[labels]
        new_centers, cluster_ids = new_centers[alive], cluster_ids[alive]
        converged = _same_centers(centers, new_centers)
        centers = new_centers
        if converged or iteration == max_iterations:
            break
    # clusters are kept in id order, as Polis sorts them
    order = np.argsort(cluster_ids, kind="stable")
    labels = np.argsort(order)[labels]
    centers, cluster_ids = centers[order], cluster_ids[order]
    return Clustering(centers=centers, labels=labels), Members(cluster_ids, ids.copy(), labels)


def warm_group_clusterings(
    base: Clustering, base_ids: IntArray, previous: dict[int, Members] | None = None
) -> tuple[dict[int, Clustering], dict[int, Members]]:
    """Polis' groups of an update: for every allowed k, warm-started k-means of the base
    centres (weighted by their sizes) from the previous update's groups for that k."""
    weights = np.bincount(base.labels, minlength=len(base.centers)).astype(float)
    previous = previous or {}
    clusterings: dict[int, Clustering] = {}
    members: dict[int, Members] = {}
    for k in range(MIN_GROUPS, max_groups(len(base.centers)) + 1):
        if k > len(base.centers):
            break
        clusterings[k], members[k] = warm_kmeans(
            base_ids, base.centers, k, previous.get(k), weights, GROUP_ITERATIONS
        )
    return clusterings, members
