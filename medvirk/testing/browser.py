"""Helpers shared by the browser tests: load parts of the demo, and log in as a demo
person through the login page."""

from __future__ import annotations

import importlib
from typing import Any

from medvirk.accounts.demo import DEMO_PASSWORD


def load_demo(*modules: str) -> None:
    """Load the named demo modules (``"medvirk.places.demo"``, …) in order, quietly."""
    for name in modules:
        importlib.import_module(name).load_demo(log=lambda _text: None)


def login(page: Any, base: str, email: str) -> None:
    """Log in as a demo person (every demo person has the same password)."""
    page.goto(base + "/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()
