"""Identical and near-identical texts (campaigns, form letters) by MinHash of shingles.

Each text becomes the set of its word 3-shingles (runs of three consecutive normalised
tokens, stop words included, so that a form letter with a changed name or place still
shares most shingles with the original; texts of one or two words are one shingle).
A MinHash signature of ``n_hashes`` multiply-shift hashes estimates the Jaccard
similarity of two shingle sets as the share of equal signature positions (Broder 1997).
Locality-sensitive hashing splits the signature into bands of ``rows_per_band``
positions; texts whose band values agree become candidates, and a candidate pair is
joined when its estimated Jaccard similarity reaches ``threshold``. Groups are the
connected components of the joined pairs. Everything runs on numpy arrays, one hash
function at a time, so memory stays linear in the number of shingles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import chain

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

_MIX = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xC2B2AE3D27D4EB4F),
    np.uint64(0x165667B19E3779F9),
)


def _shingle_codes(tokens: Sequence[Sequence[str]], size: int) -> tuple[np.ndarray, np.ndarray]:
    """64-bit codes of every shingle, and the row each belongs to."""
    index_of: defaultdict[str, int] = defaultdict()
    index_of.default_factory = index_of.__len__
    ids = np.fromiter(
        map(index_of.__getitem__, chain.from_iterable(tokens)), dtype=np.int64
    ).astype(np.uint64) + np.uint64(1)
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    row_of = np.repeat(np.arange(len(tokens)), lengths)
    position = np.arange(len(ids)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    # A shingle starts at each position with ``size`` tokens ahead in the same row, or at
    # the first token of a row shorter than ``size`` (then the whole row is the shingle).
    remaining = np.repeat(lengths, lengths) - position
    starts = np.flatnonzero((remaining >= size) | ((position == 0) & (remaining < size)))
    codes = np.zeros(len(starts), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            inside = remaining[starts] > offset
            part = np.zeros(len(starts), dtype=np.uint64)
            part[inside] = ids[starts[inside] + offset]
            codes ^= part * _MIX[offset % len(_MIX)]
            codes = (codes << np.uint64(13)) | (codes >> np.uint64(51))
    return codes, row_of[starts]


def minhash_signatures(
    tokens: Sequence[Sequence[str]], *, n_hashes: int = 32, shingle_size: int = 3, seed: int = 0
) -> np.ndarray:
    """An ``(n_texts, n_hashes)`` MinHash signature matrix; empty texts get all-max rows."""
    codes, rows = _shingle_codes(tokens, shingle_size)
    signatures = np.full((len(tokens), n_hashes), np.iinfo(np.uint64).max, dtype=np.uint64)
    if len(codes) == 0:
        return signatures
    order = np.argsort(rows, kind="stable")
    codes, rows = codes[order], rows[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    rng = np.random.default_rng(seed)
    multipliers = rng.integers(1, 2**63, size=n_hashes, dtype=np.uint64) | np.uint64(1)
    offsets = rng.integers(0, 2**63, size=n_hashes, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for h in range(n_hashes):
            hashed = codes * multipliers[h] + offsets[h]
            hashed = hashed ^ (hashed >> np.uint64(29))
            signatures[rows[starts], h] = np.minimum.reduceat(hashed, starts)
    return signatures


def near_duplicate_groups(
    tokens: Sequence[Sequence[str]],
    *,
    threshold: float = 0.6,
    n_hashes: int = 32,
    rows_per_band: int = 2,
    seed: int = 0,
) -> np.ndarray:
    """Group label per text: texts with the same label are (near-)duplicates.

    Labels are ``0..g-1`` in order of first appearance; a text without near-duplicates
    has a label of its own. ``threshold`` is the estimated Jaccard similarity of word
    3-shingles above which two texts are joined.
    """
    n = len(tokens)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    signatures = minhash_signatures(tokens, n_hashes=n_hashes, seed=seed)
    has_shingles = signatures[:, 0] != np.iinfo(np.uint64).max
    firsts: list[np.ndarray] = []
    seconds: list[np.ndarray] = []
    for start in range(0, n_hashes - rows_per_band + 1, rows_per_band):
        band = np.ascontiguousarray(signatures[:, start : start + rows_per_band])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * rows_per_band))).ravel()
        _, first_index, bucket = np.unique(keys, return_index=True, return_inverse=True)
        leader = first_index[bucket.ravel()]
        candidate = (leader != np.arange(n)) & has_shingles
        a, b = np.flatnonzero(candidate), leader[candidate]
        agree = (signatures[a] == signatures[b]).mean(axis=1)
        keep = agree >= threshold
        firsts.append(a[keep])
        seconds.append(b[keep])
    pairs_a = np.concatenate(firsts) if firsts else np.zeros(0, dtype=np.int64)
    pairs_b = np.concatenate(seconds) if seconds else np.zeros(0, dtype=np.int64)
    graph = sp.coo_matrix((np.ones(len(pairs_a)), (pairs_a, pairs_b)), shape=(n, n))
    _, components = connected_components(graph, directed=False)
    _, first_seen, inverse = np.unique(components, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first_seen))
    return np.asarray(order[inverse.ravel()], dtype=np.int64)
