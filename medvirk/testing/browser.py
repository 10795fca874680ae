"""Helpers shared by the browser tests: load parts of the demo, and log in as a demo
person through the login page."""

from __future__ import annotations

import importlib
from typing import Any

from medvirk.accounts.demo import DEMO_PASSWORD

# Browser tests run at fixed viewports, so a page lays out the same on every machine.
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}
LOOPBACK = ("http://localhost", "http://127.0.0.1", "data:")


def new_browser_context(browser: Any, *, viewport: dict[str, int] | None = None) -> Any:
    """A fresh Chromium context in bokmål at a fixed viewport (desktop unless told), in
    which every request beyond loopback is refused: tests never touch the network."""
    context = browser.new_context(locale="nb-NO", viewport=dict(viewport or DESKTOP))
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(LOOPBACK) else route.abort()
        ),
    )
    return context


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
