"""Shared fixtures: the hand-made hearing in ``fixtures/hearing.csv``."""

from __future__ import annotations

from pathlib import Path

import pytest

from medvirk.algorithms.themes.csvio import read_collection
from medvirk.algorithms.themes.model import TextItem

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def hearing_csv() -> Path:
    """Path of a small hearing: four topics, a campaign and four unusable inputs."""
    return FIXTURES / "hearing.csv"


@pytest.fixture
def hearing(hearing_csv: Path) -> list[TextItem]:
    """The hearing's items, with district and channel facets."""
    return read_collection(
        hearing_csv, text_column="text", id_column="id", facet_columns=("district", "channel")
    ).items
