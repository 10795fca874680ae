"""LSA, spherical k-means, silhouette and the choice of the number of themes."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from medvirk.algorithms.themes.clustering import (
    candidate_ks,
    choose_n_themes,
    lsa,
    silhouette,
    spherical_kmeans,
    unit_rows,
)
from medvirk.algorithms.themes.evaluate import adjusted_rand_index


def _blobs(k: int, per: int, dims: int = 20, spread: float = 0.15, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = unit_rows(rng.standard_normal((k, dims)))
    points = np.repeat(centres, per, axis=0) + spread * rng.standard_normal((k * per, dims))
    return unit_rows(points).astype(np.float32), np.repeat(np.arange(k), per)


def test_spherical_kmeans_recovers_separated_groups() -> None:
    """Five well-separated directions are found exactly."""
    points, truth = _blobs(5, 40)
    result = spherical_kmeans(points, 5, seed=1)
    assert adjusted_rand_index(truth, result.labels) == 1.0
    assert np.allclose(np.linalg.norm(result.centroids, axis=1), 1.0, atol=1e-5)


def test_sampled_restarts_then_full_refinement_still_recover_groups() -> None:
    """With a sample smaller than the data the result is as good."""
    points, truth = _blobs(4, 200)
    result = spherical_kmeans(points, 4, seed=2, sample_size=100)
    assert adjusted_rand_index(truth, result.labels) == 1.0


def test_weights_pull_centroids() -> None:
    """A heavy point drags its cluster centroid towards itself."""
    points = unit_rows(np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]], dtype=np.float32))
    light = spherical_kmeans(points[:2], 1, seed=0)
    heavy = spherical_kmeans(points[:2], 1, seed=0, weights=np.array([1.0, 9.0], np.float32))
    assert heavy.centroids[0] @ points[1] > light.centroids[0] @ points[1]


def test_silhouette_matches_its_definition_on_a_tiny_example() -> None:
    """Brute force over four points agrees with the vectorised computation."""
    points = unit_rows(np.array([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]], dtype=np.float64))
    labels = np.array([0, 0, 1, 1])
    distance = 1 - points @ points.T
    expected = []
    for i in range(4):
        same = [distance[i, j] for j in range(4) if labels[j] == labels[i] and j != i]
        other = [distance[i, j] for j in range(4) if labels[j] != labels[i]]
        a, b = np.mean(same), np.mean(other)
        expected.append((b - a) / max(a, b))
    assert np.isclose(silhouette(points, labels), np.mean(expected))


def test_choose_n_themes_finds_the_number_of_groups() -> None:
    """On six separated groups the silhouette criterion chooses six."""
    points, _ = _blobs(6, 50, spread=0.1)
    k, scores = choose_n_themes(points, [2, 3, 4, 6, 9, 12], seed=0)
    assert k == 6
    assert set(scores) == {2, 3, 4, 6, 9, 12}


def test_candidate_ks_grow_with_the_collection_and_stay_capped() -> None:
    """Candidates run from 2 to about √(n/2), never above 60."""
    assert candidate_ks(200)[-1] == 10
    assert candidate_ks(1_000_000)[-1] == 60
    assert candidate_ks(3) == [2]


def test_lsa_gives_unit_rows_that_keep_the_block_structure() -> None:
    """Rows from two disjoint vocabularies (rank 4 each) stay orthogonal in 8 dimensions."""
    rng = np.random.default_rng(0)
    left = rng.standard_normal((30, 4)) @ rng.standard_normal((4, 40))
    right = rng.standard_normal((30, 4)) @ rng.standard_normal((4, 40))
    matrix = sp.csr_matrix(
        np.block([[left, np.zeros_like(right)], [np.zeros_like(left), right]]), dtype=np.float32
    )
    vectors = lsa(matrix, 8, seed=0)
    assert vectors.shape == (60, 8)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert np.abs(vectors[:30] @ vectors[30:].T).max() < 1e-3
