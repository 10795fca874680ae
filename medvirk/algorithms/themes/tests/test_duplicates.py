"""Near-duplicates and campaigns by MinHash."""

from __future__ import annotations

from medvirk.algorithms.themes.duplicates import minhash_signatures, near_duplicate_groups
from medvirk.algorithms.themes.norwegian import normalise, tokenise

LETTER = (
    "Vi vil beholde skolen i bygda. Nedlegging av skolen vil gi lang skolevei for barna "
    "våre, og bygda vil miste sitt samlingspunkt."
)


def _tokens(texts: list[str]) -> list[list[str]]:
    return [tokenise(normalise(text)) for text in texts]


def test_identical_and_lightly_edited_copies_form_one_group() -> None:
    """A form letter, an exact copy, a copy without punctuation and one edited word."""
    texts = [
        LETTER,
        LETTER,
        LETTER.lower().replace(".", "").replace(",", ""),
        LETTER.replace("samlingspunkt", "viktigste samlingspunkt"),
        "Bygg sykkelvei langs fylkesveien før noen blir skadet.",
        "Parken trenger flere benker.",
    ]
    groups = near_duplicate_groups(_tokens(texts))
    assert groups.tolist() == [0, 0, 0, 0, 1, 2]


def test_texts_on_one_topic_in_different_words_are_not_duplicates() -> None:
    """Sharing a subject is not enough: the wording must largely match."""
    texts = [
        "Parken trenger flere benker og bedre lys om kvelden.",
        "Vi vil ha flere benker i parken og lys langs stiene.",
    ]
    assert near_duplicate_groups(_tokens(texts)).tolist() == [0, 1]


def test_short_and_empty_texts_are_handled() -> None:
    """One-word texts match only their equals; an empty text stays alone."""
    groups = near_duplicate_groups(_tokens(["ja", "ja", "nei", "", ""]))
    assert groups.tolist() == [0, 0, 1, 2, 3]


def test_signatures_are_deterministic_for_a_seed() -> None:
    """The same seed gives the same signatures (no dependence on hash randomisation)."""
    tokens = _tokens([LETTER, "Parken trenger flere benker."])
    assert (minhash_signatures(tokens, seed=3) == minhash_signatures(tokens, seed=3)).all()
