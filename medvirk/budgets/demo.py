"""Demo content of the budgets app."""

from __future__ import annotations

from collections.abc import Callable


def load_demo(*, log: Callable[[str], None] = print) -> None:
    """Nothing yet."""
