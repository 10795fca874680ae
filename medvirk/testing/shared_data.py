"""Locate the public data sets in ``../shared/data`` beside the repository.

Tests that need them call :func:`shared_data_dir`. Where the folder is absent the test
is skipped with a message saying how to get it, except under ``CI=true``, where the
folder must be present and its absence fails the test.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_root() -> Path:
    """The ``shared`` folder: ``$MEDVIRK_SHARED_DIR`` or ``../shared`` beside the repo."""
    configured = os.environ.get("MEDVIRK_SHARED_DIR")
    return Path(configured) if configured else REPO_ROOT.parent / "shared"


def shared_data_dir(*parts: str) -> Path:
    """Return ``shared/data/<parts>``; skip (or fail under CI) when it is missing."""
    import pytest

    path = shared_root().joinpath("data", *parts)
    if not path.exists():
        message = (
            f"{path.name} not found under shared/data: place the 'shared' folder beside "
            "the repository or set MEDVIRK_SHARED_DIR to enable these tests"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
