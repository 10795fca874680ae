"""From raw texts to stemmed terms and L2-normalised TF-IDF vectors.

:func:`prepare_texts` normalises, tokenises, detects the written form, drops stop words
and stems each text. :func:`tfidf_matrix` turns the stem lists into a sparse matrix of
unigrams and adjacent bigrams weighted by sublinear term frequency (``1 + log tf``) and
smoothed inverse document frequency (``log((1 + n) / (1 + df)) + 1``), each row of unit
length. Terms in fewer than ``min_df`` texts or in more than ``max_df`` of them are
dropped: they cannot tell themes apart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import scipy.sparse as sp

from medvirk.algorithms.themes.norwegian import (
    WrittenForm,
    content_tokens,
    detect_written_form,
    normalise,
    tokenise,
)
from medvirk.algorithms.themes.stemming import NorwegianStemmer


@dataclass(frozen=True)
class PreparedTexts:
    """Stems and written form of each text, and a readable word for each stem."""

    stems: list[list[str]]
    written_forms: list[WrittenForm]
    # For each stem, the surface word it most often came from (used in labels).
    display: dict[str, str]
    # The normalised tokens of each text, stop words included (used for shingles).
    tokens: list[list[str]]
    # The content words of each text, before stemming (used by embedding back-ends).
    contents: list[list[str]]


@dataclass(frozen=True)
class TermMatrix:
    """Rows are texts; the first ``len(terms)`` columns are named terms (a stem, or two
    stems joined by a space), any further columns are unnamed character n-grams."""

    matrix: sp.csr_matrix
    terms: list[str]

    def display_term(self, column: int, display: dict[str, str]) -> str:
        """Readable form of a term: each stem replaced by its most frequent word."""
        return " ".join(display.get(stem, stem) for stem in self.terms[column].split(" "))


def prepare_texts(texts: Sequence[str], stemmer: NorwegianStemmer | None = None) -> PreparedTexts:
    """Normalise, tokenise, classify and stem every text."""
    stemmer = stemmer or NorwegianStemmer()
    tokens = [tokenise(normalise(text)) for text in texts]
    forms = [detect_written_form(toks) for toks in tokens]
    contents = [content_tokens(toks) for toks in tokens]
    word_counts: Counter[str] = Counter()
    for words in contents:
        word_counts.update(words)
    stem_of = stemmer.stem_all(word_counts)
    display: dict[str, str] = {}
    best: dict[str, int] = {}
    for word, count in word_counts.items():
        stem = stem_of[word]
        if count > best.get(stem, 0):
            best[stem] = count
            display[stem] = word
    stems = [list(map(stem_of.__getitem__, words)) for words in contents]
    return PreparedTexts(
        stems=stems, written_forms=forms, display=display, tokens=tokens, contents=contents
    )


def _count_matrix(rows: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> sp.csr_matrix:
    """Counts of each term per row, growing ``vocabulary`` with new terms."""
    index_of: defaultdict[str, int] = defaultdict()
    index_of.update(vocabulary)
    index_of.default_factory = index_of.__len__
    indices = np.fromiter(map(index_of.__getitem__, chain.from_iterable(rows)), dtype=np.int64)
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, rows), dtype=np.int64, count=len(rows)), out=indptr[1:])
    vocabulary.update(index_of)
    counts = sp.csr_matrix(
        (np.ones(len(indices), dtype=np.float32), indices, indptr),
        shape=(len(rows), len(vocabulary)),
    )
    counts.sum_duplicates()
    return counts


def _bigram_counts(
    stems: Sequence[Sequence[str]], vocabulary: dict[str, int]
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Counts of adjacent stem pairs per row, and the (first, second) stem index of each."""
    flat = np.fromiter(map(vocabulary.__getitem__, chain.from_iterable(stems)), dtype=np.int64)
    lengths = np.fromiter(map(len, stems), dtype=np.int64, count=len(stems))
    row_of = np.repeat(np.arange(len(stems)), lengths)
    same_row = row_of[1:] == row_of[:-1]
    codes = flat[:-1][same_row] * len(vocabulary) + flat[1:][same_row]
    pair_codes, columns = np.unique(codes, return_inverse=True)
    counts = sp.csr_matrix(
        (np.ones(len(codes), dtype=np.float32), (row_of[1:][same_row], columns)),
        shape=(len(stems), len(pair_codes)),
    )
    counts.sum_duplicates()
    return counts, np.stack(np.divmod(pair_codes, len(vocabulary)), axis=1)


def _char_ngrams(word: str, sizes: Sequence[int]) -> list[str]:
    padded = f"<{word}>"
    return [padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)]


def _weighted(
    counts: sp.csr_matrix, row_weights: np.ndarray, min_df: int, max_df: float
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Sublinear TF-IDF of the columns kept by the document-frequency bounds."""
    n_rows = float(row_weights.sum())
    per_entry = np.repeat(row_weights, np.diff(counts.indptr))
    doc_freq = np.bincount(counts.indices, weights=per_entry, minlength=counts.shape[1])
    keep = np.flatnonzero((doc_freq >= min_df) & (doc_freq <= max(max_df * n_rows, min_df)))
    kept = counts[:, keep].tocsr()
    idf = (np.log((1.0 + n_rows) / (1.0 + doc_freq[keep])) + 1.0).astype(np.float32)
    kept.data = (1.0 + np.log(kept.data)).astype(np.float32)
    return sp.csr_matrix(kept @ sp.diags(idf)), keep


def l2_normalise_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Scale each row to unit Euclidean length (all-zero rows stay zero)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags((1.0 / norms).astype(np.float32)) @ matrix)


def tfidf_matrix(
    stems: Sequence[Sequence[str]],
    *,
    row_weights: np.ndarray | None = None,
    min_df: int = 2,
    max_df: float = 0.5,
    bigrams: bool = True,
    char_sizes: Sequence[int] = (3, 4, 5),
    char_max_df: float = 0.1,
    char_weight: float = 0.5,
) -> TermMatrix:
    """Build the L2-normalised TF-IDF matrix of words, bigrams and character n-grams.

    Words (stems) and adjacent stem bigrams give the readable ``terms`` used for labels.
    Character n-grams of each stem (sizes ``char_sizes``, word edges marked ``<``/``>``)
    let compounds such as ``skolevei`` meet ``skole`` and ``vei``; they are counted by
    multiplying the text-by-stem counts with a stem-by-n-gram matrix built once per
    distinct stem, so the cost grows with the vocabulary, not with the text length.
    Each block is weighted and normalised on its own, then joined with the share
    ``char_weight`` of the squared length going to the n-grams. The named block comes
    first: column ``j < len(terms)`` of the matrix is ``terms[j]``.

    ``min_df`` is lowered to the number of texts for a collection smaller than it.
    ``row_weights`` (default 1) count a row as that many texts in the document
    frequencies: a row standing for a group of near-duplicates weighs the group's size.
    """
    weights = (
        np.ones(len(stems), dtype=np.float64)
        if row_weights is None
        else np.asarray(row_weights, dtype=np.float64)
    )
    min_df = max(1, min(min_df, int(weights.sum())))
    word_vocabulary: dict[str, int] = {}
    word_counts = _count_matrix(stems, word_vocabulary)
    words = list(word_vocabulary)
    pairs = np.zeros((0, 2), dtype=np.int64)
    named_counts = word_counts
    if bigrams:
        pair_counts, pairs = _bigram_counts(stems, word_vocabulary)
        named_counts = sp.hstack([word_counts, pair_counts]).tocsr()
    named, keep = _weighted(named_counts, weights, min_df, max_df)
    pair_list = pairs.tolist()
    terms = [
        words[i]
        if i < len(words)
        else "{} {}".format(*map(words.__getitem__, pair_list[i - len(words)]))
        for i in keep.tolist()
    ]
    if not char_sizes:
        return TermMatrix(matrix=l2_normalise_rows(named), terms=terms)
    gram_vocabulary: dict[str, int] = {}
    stem_grams = _count_matrix(
        [_char_ngrams(stem, char_sizes) for stem in word_vocabulary], gram_vocabulary
    )
    grams, _ = _weighted(sp.csr_matrix(word_counts @ stem_grams), weights, min_df, char_max_df)
    joined = sp.hstack(
        [
            l2_normalise_rows(named) * np.float32(np.sqrt(1.0 - char_weight)),
            l2_normalise_rows(grams) * np.float32(np.sqrt(char_weight)),
        ]
    )
    return TermMatrix(matrix=l2_normalise_rows(joined.tocsr()), terms=terms)
