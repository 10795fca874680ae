"""Representative quotes of a theme: central and different from each other.

Maximal marginal relevance (Carbonell and Goldstein 1998): repeatedly take the
candidate maximising ``λ · cos(candidate, centroid) − (1 − λ) · max cos(candidate,
chosen)``. Candidates are the distinct texts of the theme (one per near-duplicate
group), so a campaign is quoted at most once.
"""

from __future__ import annotations

import numpy as np


def pick_representatives(
    vectors: np.ndarray, centroid: np.ndarray, *, count: int = 5, relevance: float = 0.5
) -> list[int]:
    """Row indices of up to ``count`` representatives of ``vectors`` (unit rows)."""
    if len(vectors) == 0:
        return []
    centrality = vectors @ centroid
    chosen: list[int] = []
    closest = np.full(len(vectors), -np.inf)
    available = np.ones(len(vectors), dtype=bool)
    for _ in range(min(count, len(vectors))):
        redundancy = np.where(np.isinf(closest), 0.0, closest)
        score = relevance * centrality - (1.0 - relevance) * redundancy
        score[~available] = -np.inf
        pick = int(np.argmax(score))
        chosen.append(pick)
        available[pick] = False
        closest = np.maximum(closest, vectors @ vectors[pick])
    return chosen
