"""Snowball's Norwegian stemmer, through PyStemmer's compiled C implementation.

Snowball's Norwegian algorithm targets bokmål; it removes the common inflection
endings of nynorsk too (``-ane``, ``-ene``, ``-ar``, ``-ast``), so one stemmer serves
both written forms. Stems of a collection's distinct words are computed once and
cached by :class:`NorwegianStemmer`.
"""

from __future__ import annotations

from collections.abc import Iterable


class StemmerUnavailableError(RuntimeError):
    """PyStemmer (the ``Stemmer`` module) is not installed."""


class NorwegianStemmer:
    """Stem Norwegian words with a per-instance cache of distinct words."""

    def __init__(self) -> None:
        try:
            import Stemmer
        except ImportError as exc:  # pragma: no cover - PyStemmer is a dependency
            raise StemmerUnavailableError(
                "the Norwegian stemmer needs PyStemmer: pip install PyStemmer"
            ) from exc
        self._stemmer = Stemmer.Stemmer("norwegian")
        self._cache: dict[str, str] = {}

    def stem(self, word: str) -> str:
        """Return the stem of one lower-case word."""
        found = self._cache.get(word)
        if found is None:
            found = self._stemmer.stemWord(word)
            self._cache[word] = found
        return found

    def stem_all(self, words: Iterable[str]) -> dict[str, str]:
        """Return a mapping from each distinct word to its stem, filling the cache."""
        missing = sorted({w for w in words if w not in self._cache})
        if missing:
            self._cache.update(zip(missing, self._stemmer.stemWords(missing), strict=True))
        return self._cache
