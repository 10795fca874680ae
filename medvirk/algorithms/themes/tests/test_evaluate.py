"""NMI and ARI against reference values."""

from __future__ import annotations

import pytest

from medvirk.algorithms.themes.evaluate import adjusted_rand_index, normalized_mutual_info


def test_identical_partitions_score_one_whatever_the_names() -> None:
    """Renaming clusters changes nothing."""
    truth = ["a", "a", "b", "b", "c"]
    assert normalized_mutual_info(truth, [2, 2, 0, 0, 1]) == pytest.approx(1.0)
    assert adjusted_rand_index(truth, [2, 2, 0, 0, 1]) == pytest.approx(1.0)


def test_known_values_for_a_refinement() -> None:
    """Splitting one of two classes: NMI 0.8 (arithmetic mean), ARI 4/7."""
    truth, predicted = [0, 0, 1, 1], [0, 0, 1, 2]
    assert normalized_mutual_info(truth, predicted) == pytest.approx(0.8)
    assert adjusted_rand_index(truth, predicted) == pytest.approx(4 / 7)


def test_independent_partitions_score_about_zero() -> None:
    """A partition crossing the classes evenly carries no information."""
    truth, predicted = [0, 0, 1, 1], [0, 1, 0, 1]
    assert normalized_mutual_info(truth, predicted) == pytest.approx(0.0)
    assert adjusted_rand_index(truth, predicted) == pytest.approx(-0.5)


def test_unequal_lengths_are_rejected() -> None:
    """Label lists must pair up."""
    with pytest.raises(ValueError, match="differ in length"):
        normalized_mutual_info([1, 2], [1])
