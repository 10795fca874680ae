"""Normalisation, tokens, stop words and written-form detection."""

from __future__ import annotations

from medvirk.algorithms.themes.norwegian import (
    STOP_WORDS,
    content_tokens,
    detect_written_form,
    normalise,
    tokenise,
)


def test_normalise_composes_letters_and_lowercases() -> None:
    """A decomposed å equals the composed one; case is folded."""
    assert normalise("Blåbær og BLA\u030aBÆR") == "blåbær og blåbær"


def test_tokenise_keeps_inner_hyphens_and_drops_punctuation() -> None:
    """EØS-avtalen stays one token; punctuation and underscores are separators."""
    assert tokenise("eøs-avtalen, § 3_b: ja!") == ["eøs-avtalen", "3", "b", "ja"]


def test_stop_words_cover_both_written_forms() -> None:
    """Function words of bokmål and of nynorsk are both stop words."""
    assert {"ikke", "ikkje", "jeg", "eg", "hva", "kva", "noe", "noko"} <= STOP_WORDS


def test_content_tokens_drop_stop_words_digits_and_single_letters() -> None:
    """Only content words remain."""
    assert content_tokens(["eg", "vil", "ha", "3", "x", "sykkelveg"]) == ["sykkelveg"]


def test_detects_bokmal_and_nynorsk() -> None:
    """Marker words tell the written forms apart."""
    assert detect_written_form(tokenise("jeg vil ikke ha noe mer av dette")) == "nb"
    assert detect_written_form(tokenise("eg vil ikkje ha noko meir av dette")) == "nn"


def test_detects_other_languages_but_not_short_norwegian_titles() -> None:
    """English prose is other; a Norwegian title without markers is unknown."""
    english = tokenise("the buses are too slow and we would like more of them")
    assert detect_written_form(english) == "other"
    assert detect_written_form(tokenise("statsbudsjettet 2010")) == "unknown"
