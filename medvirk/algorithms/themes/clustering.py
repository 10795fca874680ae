"""Latent semantic analysis, spherical k-means and the automatic number of themes.

* :func:`lsa` projects the TF-IDF rows onto their leading singular directions with a
  randomised SVD (Halko, Martinsson and Tropp 2011: a Gaussian sketch and a power
  iteration with re-orthonormalisation), then scales each row to unit length.
* :func:`spherical_kmeans` clusters unit vectors by cosine similarity (Dhillon and Modha
  2001): k-means++ seeding on cosine distance, then Lloyd iterations whose centroids are
  renormalised means; the best of several restarts (highest total similarity) wins.
* :func:`choose_n_themes` picks k from a range by the mean silhouette on a sample: the
  largest k whose silhouette is within 10 % of the best.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Scale each row to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _orthonormal(columns: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the column space, through the eigenvectors of the Gram matrix.

    Equivalent to a thin QR for the well-conditioned sketches used here, and built from
    one matrix product and a small symmetric eigenproblem, which stay fast on a busy
    machine where LAPACK's threaded QR does not.
    """
    gram = (columns.T @ columns).astype(np.float64)
    values, vectors = np.linalg.eigh(gram)
    keep = values > values.max(initial=0.0) * 1e-8
    transform = (vectors[:, keep] / np.sqrt(values[keep])).astype(np.float32)
    return np.asarray(columns @ transform, dtype=np.float32)


def lsa(
    matrix: sp.csr_matrix,
    dims: int,
    seed: int,
    *,
    power_iterations: int = 1,
    fit_rows: int = 6000,
) -> np.ndarray:
    """Unit-length rows of the rank-``dims`` LSA projection (``U * S`` of the SVD).

    The SVD is fitted by a randomised range finder on at most ``fit_rows`` random rows
    ``A_s``. With ``Q`` an orthonormal basis of the sketched range and ``B = Qᵀ A_s``,
    the small ``B Bᵀ = Qᵀ (A_s Bᵀ)`` gives the singular values ``σ`` and left vectors
    ``U_B``; the right singular vectors are ``V = Bᵀ U_B / σ``, so every row ``a`` of
    the full matrix is projected as ``a V = (a Bᵀ) U_B / σ``. Only sparse products touch
    the (wide) term dimension.
    """
    n_rows, n_cols = matrix.shape
    rank = max(1, min(dims, n_rows - 1, n_cols - 1))
    rng = np.random.default_rng(seed)
    matrix = matrix.astype(np.float32)
    fit = np.arange(n_rows)
    if n_rows > fit_rows:
        fit = np.sort(rng.choice(n_rows, size=fit_rows, replace=False))
    fitted = matrix[fit] if len(fit) < n_rows else matrix
    transposed = fitted.T.tocsr()
    sketch = rng.standard_normal((n_cols, min(rank + 10, n_cols)), dtype=np.float32)
    basis = _orthonormal(fitted @ sketch)
    for _ in range(power_iterations):
        basis = _orthonormal(fitted @ np.asarray(transposed @ basis, dtype=np.float32))
    small_t = np.asarray(transposed @ basis, dtype=np.float32)  # Bᵀ
    products = np.asarray(matrix @ small_t, dtype=np.float32)  # A Bᵀ, every row
    gram = (basis.T @ products[fit]).astype(np.float64)  # B Bᵀ
    values, left = np.linalg.eigh((gram + gram.T) / 2.0)
    top = np.argsort(values)[::-1][:rank]
    singular = np.sqrt(np.maximum(values[top], 1e-12))
    return unit_rows(products @ (left[:, top] / singular).astype(np.float32))


@dataclass(frozen=True)
class Clustering:
    """Labels ``0..k-1`` per row, unit centroids, and the total cosine similarity."""

    labels: np.ndarray
    centroids: np.ndarray
    objective: float


def _kmeans_plus_plus(vectors: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    n = len(vectors)
    chosen = [int(rng.integers(n))]
    distance = np.maximum(1.0 - vectors @ vectors[chosen[0]], 0.0)
    for _ in range(1, k):
        total = float(distance.sum())
        pick = int(rng.choice(n, p=distance / total)) if total > 0 else int(rng.integers(n))
        chosen.append(pick)
        distance = np.minimum(distance, np.maximum(1.0 - vectors @ vectors[pick], 0.0))
    return vectors[chosen].copy()


def _lloyd(
    vectors: np.ndarray, weights: np.ndarray, centroids: np.ndarray, max_iter: int
) -> Clustering:
    k = len(centroids)
    labels = np.zeros(len(vectors), dtype=np.int64)
    for iteration in range(max_iter + 1):
        similarity = vectors @ centroids.T
        new_labels = similarity.argmax(axis=1)
        if iteration > 0 and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        if iteration == max_iter:
            break
        sums = _weighted_sums(vectors, weights, labels, k)
        norms = np.linalg.norm(sums, axis=1)
        filled = norms > 0
        centroids = centroids.copy()
        centroids[filled] = sums[filled] / norms[filled, None]
    best = similarity[np.arange(len(vectors)), labels]
    objective = float((best * weights).sum())
    return Clustering(labels=_relabel(labels, k), centroids=centroids, objective=objective)


def _weighted_sums(
    vectors: np.ndarray, weights: np.ndarray, labels: np.ndarray, k: int
) -> np.ndarray:
    """Row ``c`` is the weighted sum of the vectors labelled ``c``."""
    membership = sp.csr_matrix((weights, (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    return np.asarray(membership @ vectors, dtype=vectors.dtype)


def _relabel(labels: np.ndarray, k: int) -> np.ndarray:
    """Drop empty clusters so labels run over ``0..m-1`` without gaps."""
    used = np.flatnonzero(np.bincount(labels, minlength=k))
    mapping = np.full(k, -1, dtype=np.int64)
    mapping[used] = np.arange(len(used))
    return mapping[labels]


def spherical_kmeans(
    vectors: np.ndarray,
    k: int,
    *,
    seed: int,
    weights: np.ndarray | None = None,
    restarts: int | None = None,
    max_iter: int = 30,
    sample_size: int = 6000,
) -> Clustering:
    """Spherical k-means on unit rows, with weighted means.

    ``restarts`` defaults to 10 for up to 1,000 rows (cheap, and small collections are
    the most sensitive to the seeding), 3 up to ``sample_size`` rows and 2 above (where
    the winner is refined on all rows anyway).

    The best of ``restarts`` runs (highest weighted total cosine similarity) wins. When
    there are more than ``sample_size`` rows, the restarts run on a random sample and the
    winner's centroids seed a final run on all rows, which keeps large inputs fast.
    """
    k = max(1, min(k, len(vectors)))
    weights = np.ones(len(vectors), dtype=np.float32) if weights is None else weights
    if restarts is None:
        restarts = 10 if len(vectors) <= 1000 else 3 if len(vectors) <= sample_size else 2
    rng = np.random.default_rng(seed)
    sample = np.arange(len(vectors))
    if len(vectors) > sample_size:
        sample = np.sort(rng.choice(len(vectors), size=sample_size, replace=False))
    best: Clustering | None = None
    for _ in range(restarts):
        seeds = _kmeans_plus_plus(vectors[sample], k, rng)
        run = _lloyd(vectors[sample], weights[sample], seeds, max_iter)
        if best is None or run.objective > best.objective:
            best = run
    assert best is not None
    if len(sample) < len(vectors):
        best = _lloyd(vectors, weights, best.centroids, max_iter)
    used = np.unique(best.labels)
    centroids = unit_rows(_weighted_sums(vectors, weights, best.labels, len(used)))
    return Clustering(labels=best.labels, centroids=centroids, objective=best.objective)


def silhouette(vectors: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette with cosine distance; points alone in their cluster score 0."""
    distance = 1.0 - vectors @ vectors.T
    clusters, members = np.unique(labels, return_inverse=True)
    if len(clusters) < 2:
        return 0.0
    indicator = np.zeros((len(labels), len(clusters)), dtype=distance.dtype)
    indicator[np.arange(len(labels)), members] = 1.0
    sizes = indicator.sum(axis=0)
    sums = distance @ indicator
    own_size = sizes[members]
    own = sums[np.arange(len(labels)), members] / np.maximum(own_size - 1, 1)
    means = sums / sizes
    means[np.arange(len(labels)), members] = np.inf
    nearest = means.min(axis=1)
    scores = (nearest - own) / np.maximum(np.maximum(own, nearest), 1e-12)
    scores[own_size == 1] = 0.0
    return float(scores.mean())


MAX_AUTOMATIC_THEMES = 60


def candidate_ks(n: int, low: int = 2, high: int = MAX_AUTOMATIC_THEMES) -> list[int]:
    """Numbers of themes to try: 10 values spaced geometrically from 2 to min(√(n/2), 60)."""
    top = max(low, min(round(float(np.sqrt(n / 2.0))), high, n))
    return sorted({round(float(x)) for x in np.geomspace(low, top, num=10)})


def choose_n_themes(
    vectors: np.ndarray,
    ks: Sequence[int],
    *,
    seed: int,
    sample_size: int = 1500,
    tolerance: float = 0.9,
) -> tuple[int, dict[int, float]]:
    """Pick k from ``ks`` by the silhouette of a clustering of a random sample.

    Each candidate k clusters the same random sample; its score is the mean cosine
    silhouette. The chosen k is the largest whose score reaches ``tolerance`` times the
    best score: among nearly equally good partitions the finer one is kept, because a
    reviewer merges two themes more easily than splitting one. Returns the chosen k and
    the score of every candidate.
    """
    rng = np.random.default_rng(seed)
    size = min(sample_size, len(vectors))
    sample = vectors[rng.choice(len(vectors), size=size, replace=False)]
    scores: dict[int, float] = {}
    for k in ks:
        if k >= size:
            continue
        result = spherical_kmeans(sample, k, seed=seed, restarts=2, max_iter=15)
        scores[k] = silhouette(sample, result.labels)
    if not scores:
        return 1, scores
    best = max(scores.values())
    return max(k for k, score in scores.items() if score >= tolerance * best), scores
