"""Fixtures shared by every test suite: hermetic settings, and a Playwright browser
(Debian's Chromium, never a downloaded browser) with an axe-core accessibility check."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _in_ci() -> bool:
    return os.environ.get("CI") == "true"


def _skip_or_fail(message: str) -> None:
    if _in_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _hermetic_settings(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Static files straight from the finders (no collectstatic needed), uploads in a
    temporary folder (never the checkout's var/media), and fast password hashing.
    (Django's test set-up already keeps e-mail in memory.)"""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Failed logins are counted in the database, which every test rolls back, so one
    # test's wrong passwords never lock another test out; the shared-cache handler used
    # in production has its own test (medvirk/accounts/tests/test_login_protection.py).
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"


def chromium_executable() -> str | None:
    configured = os.environ.get("MEDVIRK_CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright. Skipped with a message where Chromium or
    Playwright is missing; required under CI=true."""
    executable = chromium_executable()
    if executable is None:
        _skip_or_fail(
            "Browser tests need Debian's Chromium: 'apt-get install chromium' "
            "(or set MEDVIRK_CHROMIUM to a Chromium executable)."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("Browser tests need Playwright: run 'make test' to install it.")
    # Playwright's sync API keeps an event loop in this thread; the tests still talk to
    # the database synchronously, which is safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context in bokmål at the desktop viewport, with no network beyond
    loopback."""
    from medvirk.testing.browser import new_browser_context

    context = new_browser_context(browser)
    new_page = context.new_page()
    new_page.set_default_timeout(15000)
    yield new_page
    context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (from npm, served locally) against the page for WCAG 2.1 A and AA."""
    if not AXE_SCRIPT.exists():
        _skip_or_fail("axe-core is missing: run 'make test' (it runs 'npm ci').")
    # Evaluated through the DevTools protocol, not as an inline <script>, which the
    # site's Content-Security-Policy (script-src 'self') rightly blocks.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    # The app serves its own fonts; check the page as it looks once they have loaded.
    result = page.evaluate(
        "async (tags) => { await document.fonts.ready;"
        " return await axe.run(document, {runOnly: {type: 'tag', values: tags}}); }",
        WCAG_TAGS,
    )
    return list(result["violations"])


@pytest.fixture
def assert_accessible() -> Any:
    """Call with a Playwright page: fails listing every axe violation found."""

    def check(page: Any) -> None:
        violations = axe_violations(page)
        summary = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [node["target"] for node in v["nodes"]][:5],
            }
            for v in violations
        ]
        assert not violations, f"axe found violations on {page.url}:\n" + json.dumps(
            summary, indent=2, ensure_ascii=False
        )

    return check
