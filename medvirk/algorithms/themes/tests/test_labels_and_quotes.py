"""Theme labels and representative quotes."""

from __future__ import annotations

import numpy as np

from medvirk.algorithms.themes.clustering import unit_rows
from medvirk.algorithms.themes.labels import label_words, theme_term_scores
from medvirk.algorithms.themes.representatives import pick_representatives
from medvirk.algorithms.themes.vectorize import tfidf_matrix


def test_labels_are_the_distinctive_readable_words_of_each_theme() -> None:
    """Words frequent in a theme and rare elsewhere label it, shown as written."""
    stems = [["park", "benk"], ["park", "benk"], ["park", "lys"], ["buss", "avgang"]] * 2
    terms = tfidf_matrix(stems, max_df=1.0, char_sizes=())
    labels = np.array([0, 0, 0, 1] * 2)
    scores = theme_term_scores(terms, labels, np.ones(8), 2)
    display = {"park": "parken", "benk": "benker", "buss": "bussen", "avgang": "avganger"}
    assert label_words(scores[0], terms, display) == ["parken", "benker", "lys"]
    # "bussen avganger" repeats two chosen words, so it is left out.
    assert label_words(scores[1], terms, display) == ["bussen", "avganger"]


def test_representatives_are_central_and_not_repetitive() -> None:
    """The most central text comes first; a near copy of it is passed over."""
    vectors = unit_rows(
        np.array([[1.0, 0.05, 0], [1.0, 0.06, 0], [0.7, 0.7, 0], [0.7, 0, 0.7]], np.float32)
    )
    centroid = unit_rows(vectors.sum(axis=0, keepdims=True))[0]
    picks = pick_representatives(vectors, centroid, count=3)
    assert len(picks) == 3 and len(set(picks)) == 3
    assert picks[0] in (0, 1)
    assert set(picks[1:]) == {2, 3}
