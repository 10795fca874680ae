"""Summary sentences that are each a count or a verbatim quote, linked to their sources.

No sentence paraphrases what anyone wrote. Count sentences (in bokmål) state numbers
computed from the inputs, and name themes only by their label words, which residents
wrote; their ``source_ids`` are the inputs counted. Quote sentences are the exact text
of one input, with that input's id.
"""

from __future__ import annotations

from collections.abc import Sequence

from medvirk.algorithms.themes.model import (
    DuplicateGroup,
    NotAnalysed,
    SummarySentence,
    TextItem,
    Theme,
)

_REASON_NAMES = {
    "empty": "tomme",
    "other_language": "på et annet språk",
    "no_content_words": "uten innholdsord",
    "no_known_words": "uten ord felles med andre innspill",
}


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "0 %"


def summarise(
    items: Sequence[TextItem],
    themes: Sequence[Theme],
    duplicates: Sequence[DuplicateGroup],
    not_analysed: Sequence[NotAnalysed],
) -> list[SummarySentence]:
    """The summary: totals, set-apart inputs, campaigns, then each theme with its quotes."""
    analysed_ids = [item_id for theme in themes for item_id in theme.member_ids]
    sentences = [
        SummarySentence(
            kind="count",
            text=(
                f"Det kom {len(items)} innspill. {len(analysed_ids)} av dem er gruppert "
                f"i {len(themes)} tema."
            ),
            source_ids=[item.id for item in items],
        )
    ]
    if not_analysed:
        by_reason: dict[str, int] = {}
        for entry in not_analysed:
            by_reason[entry.reason] = by_reason.get(entry.reason, 0) + 1
        parts = ", ".join(f"{count} {_REASON_NAMES[r]}" for r, count in by_reason.items())
        sentences.append(
            SummarySentence(
                kind="count",
                text=f"{len(not_analysed)} innspill er ikke analysert ({parts}).",
                source_ids=[entry.item_id for entry in not_analysed],
            )
        )
    if duplicates:
        members = sum(group.count for group in duplicates)
        largest = max(duplicates, key=lambda group: group.count)
        sentences.append(
            SummarySentence(
                kind="count",
                text=(
                    f"{members} innspill er like eller nesten like kopier i "
                    f"{len(duplicates)} grupper; den største gruppen har {largest.count} "
                    "innspill."
                ),
                source_ids=[i for group in duplicates for i in group.member_ids],
            )
        )
    for theme in themes:
        sentences.append(
            SummarySentence(
                kind="count",
                text=(
                    f"Tema {theme.number} «{theme.label}» samler {theme.size} innspill "
                    f"({_percent(theme.size, len(analysed_ids))} av de analyserte)."
                ),
                source_ids=list(theme.member_ids),
                theme=theme.number,
            )
        )
        sentences.extend(
            SummarySentence(
                kind="quote", text=quote.text, source_ids=[quote.item_id], theme=theme.number
            )
            for quote in theme.quotes
        )
    return sentences
