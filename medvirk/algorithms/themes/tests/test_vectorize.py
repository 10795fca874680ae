"""Preparation of texts and the TF-IDF matrix."""

from __future__ import annotations

import numpy as np

from medvirk.algorithms.themes.vectorize import prepare_texts, tfidf_matrix


def test_prepare_texts_stems_content_words_and_keeps_readable_forms() -> None:
    """Stop words are gone, stems map back to the most frequent surface word."""
    prepared = prepare_texts(["Skolen er fin", "skolen og skolen", "ho likar skolar"])
    assert prepared.stems[1] == [prepared.stems[0][0], prepared.stems[0][0]]
    assert prepared.display[prepared.stems[0][0]] == "skolen"
    assert prepared.written_forms[2] == "nn"


def test_rows_have_unit_length_and_rare_terms_are_dropped() -> None:
    """Each non-empty row has length 1; a word in one text only has no named column."""
    stems = [["skol", "vei"], ["skol", "vei"], ["park", "benk"], ["park", "unik"]]
    terms = tfidf_matrix(stems, max_df=1.0)
    norms = np.sqrt(np.asarray(terms.matrix.multiply(terms.matrix).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0, atol=1e-5)
    assert "unik" not in terms.terms
    assert {"skol", "vei", "skol vei", "park"} <= set(terms.terms)


def test_row_weights_count_in_document_frequencies() -> None:
    """A word in one row that stands for two texts is frequent enough to keep."""
    terms = tfidf_matrix(
        [["benk", "park"], ["sykkel"], ["sykkel"]],
        row_weights=np.array([2.0, 1.0, 1.0]),
        max_df=1.0,
    )
    assert "benk" in terms.terms


def test_character_ngrams_relate_compounds_to_their_parts() -> None:
    """A compound shares n-grams with its parts even without a shared word."""
    stems = [["skolevei"], ["skole"], ["skole"], ["skolevei"], ["bussrute"], ["bussrute"]]
    matrix = tfidf_matrix(stems, max_df=1.0, char_max_df=1.0).matrix
    similarity = (matrix[0] @ matrix[1].T).toarray()[0, 0]
    unrelated = (matrix[0] @ matrix[4].T).toarray()[0, 0]
    assert similarity > 0.1 > unrelated
