"""Snowball's Norwegian stemmer through PyStemmer."""

from __future__ import annotations

from medvirk.algorithms.themes.stemming import NorwegianStemmer


def test_inflected_forms_share_a_stem_in_both_written_forms() -> None:
    """Definite and plural forms of bokmål and nynorsk reduce to one stem."""
    stemmer = NorwegianStemmer()
    assert stemmer.stem("skolen") == stemmer.stem("skoler") == stemmer.stem("skole")
    assert stemmer.stem("vegane") == stemmer.stem("vegen")


def test_stem_all_maps_every_distinct_word() -> None:
    """stem_all returns a stem for each word, consistent with stem()."""
    stemmer = NorwegianStemmer()
    stems = stemmer.stem_all(["kommunene", "kommunen", "kommunene"])
    assert stems["kommunene"] == stemmer.stem("kommunene") == stems["kommunen"]
