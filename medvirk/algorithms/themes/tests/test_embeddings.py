"""Choosing the vector back-end, and the word-vector back-end with a tiny fake model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from medvirk.algorithms.themes import TextItem, analyse
from medvirk.algorithms.themes.embeddings import (
    MODEL_ENVIRONMENT_VARIABLE,
    BackendUnavailableError,
    LsaBackend,
    WordVectorBackend,
    select_backend,
)

WORDS = ["parken", "benker", "trær", "bussen", "avganger", "rute"]


@pytest.fixture
def fake_model(tmp_path: Path) -> Path:
    """A two-dimensional model: park words point one way, bus words the other."""
    (tmp_path / "vocab.txt").write_text("\n".join(WORDS) + "\n", encoding="utf-8")
    vectors = np.array([[1, 0.1], [1, 0], [0.9, 0.1], [0, 1], [0.1, 1], [0, 0.9]], np.float32)
    np.save(tmp_path / "vectors.npy", vectors)
    return tmp_path


def test_default_is_lsa_when_no_model_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a model folder, auto selects LSA: nothing is downloaded."""
    monkeypatch.delenv(MODEL_ENVIRONMENT_VARIABLE, raising=False)
    assert isinstance(select_backend("auto"), LsaBackend)
    assert isinstance(select_backend("lsa"), LsaBackend)


def test_auto_uses_a_local_model_from_the_environment(
    fake_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A valid folder in $MEDVIRK_EMBEDDING_MODEL switches auto to the embedding."""
    monkeypatch.setenv(MODEL_ENVIRONMENT_VARIABLE, str(fake_model))
    backend = select_backend("auto")
    assert isinstance(backend, WordVectorBackend) and backend.name == "embedding"


def test_auto_ignores_an_incomplete_folder(tmp_path: Path) -> None:
    """A folder without vectors.npy is not a model: auto falls back to LSA."""
    (tmp_path / "vocab.txt").write_text("parken\n", encoding="utf-8")
    assert isinstance(select_backend("auto", tmp_path), LsaBackend)


def test_embedding_without_a_model_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking for the embedding explicitly without a model says what is missing."""
    monkeypatch.delenv(MODEL_ENVIRONMENT_VARIABLE, raising=False)
    with pytest.raises(BackendUnavailableError, match="MEDVIRK_EMBEDDING_MODEL"):
        select_backend("embedding")
    with pytest.raises(BackendUnavailableError, match=r"vocab\.txt and vectors\.npy"):
        select_backend("embedding", tmp_path)


def test_mismatched_model_files_are_rejected(fake_model: Path) -> None:
    """More words than vectors is reported, not silently misaligned."""
    (fake_model / "vocab.txt").write_text("\n".join([*WORDS, "ekstra"]), encoding="utf-8")
    with pytest.raises(BackendUnavailableError, match="expected"):
        select_backend("embedding", fake_model)


def test_analysis_with_the_fake_model_separates_its_two_directions(fake_model: Path) -> None:
    """Texts are themed by their words' vectors; unknown-only texts are set apart."""
    texts = [
        "parken benker",
        "trær i parken",
        "benker og trær",
        "bussen avganger",
        "ny rute for bussen",
        "avganger rute",
        "snømåking fortau",
    ]
    items = [TextItem(str(i), text) for i, text in enumerate(texts)]
    result = analyse(items, n_themes=2, backend=select_backend("embedding", fake_model))
    assert result.backend == "embedding"
    groups = sorted(sorted(theme.member_ids) for theme in result.themes)
    assert groups == [["0", "1", "2"], ["3", "4", "5"]]
    assert [(e.item_id, e.reason) for e in result.not_analysed] == [("6", "no_known_words")]
