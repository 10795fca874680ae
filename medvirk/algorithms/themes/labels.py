"""Short theme labels made of the theme's characteristic words.

A term's score in a theme is its mean TF-IDF weight inside the theme minus its mean
weight outside (weighted by near-duplicate counts), so words common to every theme
score low. The best terms are taken in order, skipping a word already contained in a
chosen two-word term and a two-word term whose words are both chosen already. Each stem
is shown as the word it most often came from.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from medvirk.algorithms.themes.vectorize import TermMatrix


def theme_term_scores(
    terms: TermMatrix, labels: np.ndarray, weights: np.ndarray, n_themes: int
) -> np.ndarray:
    """``(n_themes, n_terms)`` distinctiveness: mean weight inside minus outside."""
    named = terms.matrix[:, : len(terms.terms)]
    membership = sp.csr_matrix(
        (weights.astype(np.float64), (labels, np.arange(len(labels)))),
        shape=(n_themes, len(labels)),
    )
    inside_sum = np.asarray((membership @ named).todense())
    inside_weight = np.asarray(membership.sum(axis=1)).ravel()
    total_sum = inside_sum.sum(axis=0, keepdims=True)
    outside_weight = inside_weight.sum() - inside_weight
    inside = inside_sum / np.maximum(inside_weight, 1e-12)[:, None]
    outside = (total_sum - inside_sum) / np.maximum(outside_weight, 1e-12)[:, None]
    return np.asarray(inside - outside)


def label_words(
    scores: np.ndarray, terms: TermMatrix, display: dict[str, str], n_words: int = 3
) -> list[str]:
    """The ``n_words`` best non-overlapping terms of one theme's score row, readable."""
    chosen: list[str] = []
    covered: set[str] = set()
    # Overlaps can skip at most two terms per chosen word, so the best few suffice.
    best = min(len(scores), 4 * n_words + 4)
    candidates = np.argpartition(-scores, best - 1)[:best] if best else np.zeros(0, int)
    for column in candidates[np.argsort(-scores[candidates], kind="stable")]:
        if len(chosen) == n_words or scores[column] <= 0:
            break
        stems = terms.terms[column].split(" ")
        if all(stem in covered for stem in stems):
            continue
        if len(stems) > 1:
            chosen = [w for w in chosen if w not in {display.get(s, s) for s in stems}]
        covered.update(stems)
        chosen.append(terms.display_term(int(column), display))
    return chosen
