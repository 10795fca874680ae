"""The whole analysis on a small hand-made hearing."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from medvirk.algorithms.themes import TextItem, analyse


def test_every_input_is_in_one_theme_or_set_apart(hearing: list[TextItem]) -> None:
    """Nothing is lost or counted twice."""
    result = analyse(hearing)
    placed = [i for theme in result.themes for i in theme.member_ids]
    apart = [entry.item_id for entry in result.not_analysed]
    assert Counter(placed + apart) == Counter(item.id for item in hearing)
    assert result.n_analysed == len(placed) == sum(theme.size for theme in result.themes)


def test_unusable_inputs_are_set_apart_with_their_reason(hearing: list[TextItem]) -> None:
    """Empty, blank, English and stop-word-only inputs each get a reason."""
    reasons = {entry.item_id: entry.reason for entry in analyse(hearing).not_analysed}
    assert reasons == {
        "x1": "empty",
        "x2": "empty",
        "x3": "other_language",
        "x4": "no_content_words",
    }


def test_campaign_is_one_duplicate_group_with_its_count(hearing: list[TextItem]) -> None:
    """The five copies of the school letter form one group represented by the first."""
    result = analyse(hearing)
    assert len(result.duplicates) == 1
    group = result.duplicates[0]
    assert group.count == 5 and group.member_ids == ["c1", "c2", "c3", "c4", "c5"]
    assert group.representative_id == "c1"
    school = next(theme for theme in result.themes if "c1" in theme.member_ids)
    assert {"c2", "c3", "c4", "c5"} <= set(school.member_ids)
    assert sum(quote.item_id.startswith("c") for quote in school.quotes) == 1


def test_requested_themes_separate_the_topics(hearing: list[TextItem]) -> None:
    """With four themes asked for, parks, bikes, buses and the school are apart."""
    result = analyse(hearing, n_themes=4)
    assert result.n_themes == 4
    topic_of = {item.id: item.id[0] for item in hearing}
    for theme in result.themes:
        topics = Counter(topic_of[i] for i in theme.member_ids)
        assert topics.most_common(1)[0][1] >= 0.75 * theme.size


def test_themes_have_labels_quotes_and_facet_shares(hearing: list[TextItem]) -> None:
    """Labels are words; 3–5 verbatim quotes (one per campaign); facet shares sum to 1."""
    result = analyse(hearing, n_themes=4)
    text_of = {item.id: item.text for item in hearing}
    copies = {i for group in result.duplicates for i in group.member_ids[1:]}
    for theme in result.themes:
        assert theme.label and theme.label == ", ".join(theme.label_words)
        originals = len(set(theme.member_ids) - copies)
        assert min(3, originals) <= len(theme.quotes) <= 5
        for quote in theme.quotes:
            assert quote.item_id in theme.member_ids and quote.text == text_of[quote.item_id]
        for shares in theme.facet_shares.values():
            assert sum(share.count for share in shares) == theme.size
            assert sum(share.share for share in shares) == pytest.approx(1.0, abs=1e-3)
    assert [theme.number for theme in result.themes] == [1, 2, 3, 4]
    assert [theme.size for theme in result.themes] == sorted(
        (theme.size for theme in result.themes), reverse=True
    )


def test_summary_sentences_are_counts_or_verbatim_quotes(hearing: list[TextItem]) -> None:
    """Each sentence is a count with sources or the exact text of its one source."""
    result = analyse(hearing, n_themes=4)
    text_of = {item.id: item.text for item in hearing}
    assert {sentence.kind for sentence in result.summary} == {"count", "quote"}
    for sentence in result.summary:
        assert sentence.source_ids
        assert set(sentence.source_ids) <= set(text_of)
        if sentence.kind == "quote":
            assert sentence.source_ids == [sentence.source_ids[0]]
            assert sentence.text == text_of[sentence.source_ids[0]]
    first = result.summary[0]
    assert first.text.startswith(f"Det kom {len(hearing)} innspill.")


def test_result_is_json_serialisable_and_reproducible(hearing: list[TextItem]) -> None:
    """to_dict gives plain JSON; the same seed gives the same result."""
    first = json.dumps(analyse(hearing, seed=5).to_dict(), ensure_ascii=False)
    second = json.dumps(analyse(hearing, seed=5).to_dict(), ensure_ascii=False)
    assert first == second
    assert json.loads(first)["themes"][0]["quotes"][0]["item_id"]


def test_progress_is_reported_in_order_up_to_one(hearing: list[TextItem]) -> None:
    """The callback sees increasing fractions, ending at 1.0 with stage "done"."""
    calls: list[tuple[float, str]] = []
    analyse(hearing, on_progress=lambda fraction, stage: calls.append((fraction, stage)))
    fractions = [fraction for fraction, _ in calls]
    assert fractions == sorted(fractions) and fractions[0] == 0.0
    assert calls[-1] == (1.0, "done")


def test_degenerate_collections_do_not_crash() -> None:
    """No items, only unusable items, or a single usable item all give a result."""
    assert analyse([]).n_themes == 0
    blank = analyse([TextItem("a", ""), TextItem("b", "og i på")])
    assert blank.n_themes == 0 and len(blank.not_analysed) == 2
    single = analyse([TextItem("a", "Parken trenger benker")])
    assert single.n_themes == 1 and single.themes[0].member_ids == ["a"]


def test_more_themes_than_texts_is_capped() -> None:
    """Asking for ten themes of three texts gives at most three."""
    items = [TextItem(str(i), text) for i, text in enumerate(["park benk", "buss rute", "skole"])]
    assert analyse(items, n_themes=10).n_themes <= 3


def test_invalid_arguments_are_rejected_with_a_message() -> None:
    """Repeated ids and a non-positive number of themes raise ValueError."""
    with pytest.raises(ValueError, match="repeated: a"):
        analyse([TextItem("a", "x"), TextItem("a", "y")])
    with pytest.raises(ValueError, match="at least 1"):
        analyse([TextItem("a", "x")], n_themes=0)
