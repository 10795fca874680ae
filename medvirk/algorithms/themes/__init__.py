"""Themes, near-duplicates and source-linked summaries of Norwegian text.

A pure package (no Django). The public entry point is :func:`analyse`, which takes
:class:`TextItem` objects and returns an :class:`Analysis` that serialises to JSON with
:meth:`Analysis.to_dict`. See ``docs/algorithms/themes.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medvirk.algorithms.themes.model import (
    Analysis,
    DuplicateGroup,
    FacetShare,
    NotAnalysed,
    Quote,
    SummarySentence,
    TextItem,
    Theme,
)

if TYPE_CHECKING:
    from medvirk.algorithms.themes.pipeline import analyse


def __getattr__(name: str) -> Any:
    """Import :func:`analyse` (and with it numpy and scipy) only when it is used.

    Keeps ``medvirk --help``, which imports the command-line module of this package,
    free of the numerical libraries.
    """
    if name == "analyse":
        from medvirk.algorithms.themes.pipeline import analyse

        return analyse
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Analysis",
    "DuplicateGroup",
    "FacetShare",
    "NotAnalysed",
    "Quote",
    "SummarySentence",
    "TextItem",
    "Theme",
    "analyse",
]
