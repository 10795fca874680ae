"""Demo content of the bookings app.

The demo's bookings belong to associations and offers, which the volunteering app
creates (see ``medvirk.volunteering.demo``: a month of bookings at every hub of Drammen,
through this app's booking service). Nothing is loaded here."""

from __future__ import annotations

from collections.abc import Callable


def load_demo(*, log: Callable[[str], None] = print) -> None:
    """Nothing to load on its own: see ``medvirk.volunteering.demo``."""
