"""Vector back-ends behind one interface: LSA by default, local word embeddings if present.

A back-end turns the texts (and their TF-IDF matrix) into unit-length rows for the
clustering. :class:`LsaBackend` needs no model. :class:`WordVectorBackend` averages the
vectors of a text's words from a model already on disk: a folder holding
``vocab.txt`` (one word a line) and ``vectors.npy`` (one row per word), for example a
Norwegian word2vec or fastText model from the NLPL repository converted once. Nothing is
ever downloaded. :func:`select_backend` picks the embedding back-end only when such a
folder is given (argument or ``$MEDVIRK_EMBEDDING_MODEL``) and valid.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from medvirk.algorithms.themes.clustering import lsa, unit_rows
from medvirk.algorithms.themes.vectorize import TermMatrix

MODEL_ENVIRONMENT_VARIABLE = "MEDVIRK_EMBEDDING_MODEL"
BackendName = Literal["auto", "lsa", "embedding"]


class BackendUnavailableError(RuntimeError):
    """The requested back-end cannot run here (for example: no local model)."""


class Backend(Protocol):
    """Turns prepared texts into unit rows; an all-zero row means "no known word"."""

    @property
    def name(self) -> str:
        """Short name recorded in the result (``lsa`` or ``embedding``)."""
        ...

    def vectors(self, tokens: Sequence[Sequence[str]], terms: TermMatrix, seed: int) -> np.ndarray:
        """One unit-length (or all-zero) row per text."""
        ...


@dataclass(frozen=True)
class LsaBackend:
    """Latent semantic analysis of the TF-IDF matrix (no model needed)."""

    dims: int = 150
    name: str = "lsa"

    def vectors(self, tokens: Sequence[Sequence[str]], terms: TermMatrix, seed: int) -> np.ndarray:
        """Randomised-SVD projection of the TF-IDF rows, unit length."""
        return lsa(terms.matrix, self.dims, seed)


@dataclass(frozen=True)
class WordVectorBackend:
    """Mean of the word vectors of a text's content words, unit length."""

    vocabulary: dict[str, int]
    table: np.ndarray = field(repr=False)
    name: str = "embedding"

    @classmethod
    def load(cls, folder: Path) -> WordVectorBackend:
        """Read ``vocab.txt`` and ``vectors.npy`` from ``folder`` (memory-mapped)."""
        words = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
        words = [w.strip().lower() for w in words if w.strip()]
        table = np.load(folder / "vectors.npy", mmap_mode="r")
        if table.ndim != 2 or table.shape[0] != len(words):
            raise BackendUnavailableError(
                f"{folder}: vectors.npy has shape {table.shape}, expected ({len(words)}, dims)"
            )
        return cls(vocabulary={w: i for i, w in enumerate(words)}, table=table)

    def vectors(self, tokens: Sequence[Sequence[str]], terms: TermMatrix, seed: int) -> np.ndarray:
        """Average the known words' vectors of each text; rows without one stay zero."""
        result = np.zeros((len(tokens), self.table.shape[1]), dtype=np.float32)
        for row, words in enumerate(tokens):
            known = [self.vocabulary[w] for w in words if w in self.vocabulary]
            if known:
                result[row] = np.asarray(self.table[sorted(known)], dtype=np.float32).mean(0)
        return unit_rows(result)


def _is_model_folder(folder: Path) -> bool:
    return (folder / "vocab.txt").is_file() and (folder / "vectors.npy").is_file()


def select_backend(name: BackendName = "auto", model_dir: Path | str | None = None) -> Backend:
    """The back-end to use.

    ``lsa`` always works. ``embedding`` needs a model folder (``model_dir`` or
    ``$MEDVIRK_EMBEDDING_MODEL``) and raises :class:`BackendUnavailableError` otherwise.
    ``auto`` uses the embedding back-end when a valid model folder is configured and LSA
    in every other case.
    """
    if name == "lsa":
        return LsaBackend()
    configured = model_dir if model_dir is not None else os.environ.get(MODEL_ENVIRONMENT_VARIABLE)
    folder = Path(configured) if configured else None
    if folder is not None and _is_model_folder(folder):
        return WordVectorBackend.load(folder)
    if name == "embedding":
        where = f"{folder}" if folder else f"no folder given (set ${MODEL_ENVIRONMENT_VARIABLE})"
        raise BackendUnavailableError(
            f"no local embedding model: {where}; expected vocab.txt and vectors.npy"
        )
    return LsaBackend()
