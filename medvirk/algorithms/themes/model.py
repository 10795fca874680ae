"""The input and result types of the insight engine, all JSON-serialisable.

Every result refers to inputs by their ``id`` only; texts appear verbatim in quotes and
nowhere is a text rewritten. :meth:`Analysis.to_dict` gives plain dicts, lists, strings
and numbers for :func:`json.dumps`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

NotAnalysedReason = Literal["empty", "other_language", "no_content_words", "no_known_words"]

REASON_MESSAGES: dict[str, str] = {
    "empty": "the text is empty",
    "other_language": "the text does not look like Norwegian",
    "no_content_words": "the text holds only stop words, numbers or single letters",
    "no_known_words": (
        "none of the text's words is known to the analysis "
        "(shared with another input, or in the embedding model)"
    ),
}


@dataclass(frozen=True)
class TextItem:
    """One input: a unique id, its text, and optional facets such as district or channel."""

    id: str
    text: str
    facets: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Quote:
    """A verbatim text of one input, with that input's id."""

    item_id: str
    text: str


@dataclass(frozen=True)
class DuplicateGroup:
    """Identical or near-identical inputs (a campaign); the representative stands for all.

    ``member_ids`` includes the representative; nothing is deleted, so every member id
    also appears in the theme of the representative.
    """

    representative_id: str
    member_ids: list[str]
    count: int
    representative_text: str


@dataclass(frozen=True)
class FacetShare:
    """How many inputs of a theme carry one facet value, and their share of the theme."""

    value: str
    count: int
    share: float


@dataclass(frozen=True)
class Theme:
    """A group of inputs about one subject.

    ``label_words`` are the characteristic words (most frequent surface form of each
    stem), ``size`` counts every member including near-duplicates, ``facet_shares`` maps a
    facet name to its values in descending count, and ``quotes`` holds 3–5 verbatim
    representatives (fewer only when the theme has fewer distinct texts).
    """

    number: int
    label: str
    label_words: list[str]
    size: int
    share: float
    member_ids: list[str]
    facet_shares: dict[str, list[FacetShare]]
    quotes: list[Quote]


@dataclass(frozen=True)
class NotAnalysed:
    """An input set apart from the themes, with a reason code and a readable message."""

    item_id: str
    reason: NotAnalysedReason
    message: str


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the summary: a verbatim ``quote`` or a ``count``, with its sources.

    A count sentence states numbers computed from the inputs (its ``source_ids`` are the
    inputs counted); a quote sentence is the exact text of its single source.
    """

    kind: Literal["count", "quote"]
    text: str
    source_ids: list[str]
    theme: int | None = None


@dataclass(frozen=True)
class Analysis:
    """The full result of :func:`medvirk.algorithms.themes.analyse`."""

    n_items: int
    n_analysed: int
    n_themes: int
    backend: str
    seed: int
    written_forms: dict[str, int]
    themes: list[Theme]
    duplicates: list[DuplicateGroup]
    not_analysed: list[NotAnalysed]
    summary: list[SummarySentence]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready structure (dicts, lists, strings, numbers)."""
        return asdict(self)

    def theme_of(self) -> dict[str, int]:
        """Map each analysed item id to its theme number."""
        return {item_id: theme.number for theme in self.themes for item_id in theme.member_ids}
