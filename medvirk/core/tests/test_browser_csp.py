"""The strict Content-Security-Policy holds in a real browser: walking the demo's pages as
a resident and as the municipality's administrator (the back office too), Chromium
reports no violation, neither as a ``securitypolicyviolation`` event nor on the console."""

from __future__ import annotations

import re
from collections import Counter, deque
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from medvirk.core.demo import demo_load
from medvirk.places.models import District, Hub, Municipality
from medvirk.testing.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded before any script of the page runs (init scripts are not subject to the CSP).
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`
  );
});
"""
PAGES_PER_WALK = 40
# Pages of one kind (the same path once names and numbers are set aside) visited at most
# this often, so the walk reaches every kind of page instead of all 357 municipalities.
PER_KIND = 2
# Links not worth following: downloads, the API's JSON, links with a query string.
SKIP = re.compile(r"/(api|static|media|i18n)/|\.(pdf|xlsx|csv|json|svg|ics)$|/eksport|\?")


def kinds() -> Any:
    """A function from a path to its kind: slugs of places and numbers become ``*``."""
    names = {
        *Municipality.objects.values_list("slug", flat=True),
        *District.objects.values_list("slug", flat=True),
        *Hub.objects.values_list("slug", flat=True),
    }
    return lambda path: "/".join(
        "*" if part in names or part.isdigit() else part for part in path.split("/")
    )


def walk(
    page: Any, base: str, starts: list[str], *, prefix: str = "/"
) -> tuple[list[str], list[str]]:
    """Visit up to PAGES_PER_WALK pages reachable by links from ``starts`` whose paths
    begin with ``prefix``; return the paths visited and every violation seen."""
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(f"{message.text} on {urlsplit(page.url).path}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(LISTEN)
    queue, seen = deque(starts), set(starts)
    visited: list[str] = []
    violations: list[str] = []
    kind_of, per_kind = kinds(), Counter[str]()
    while queue and len(visited) < PAGES_PER_WALK:
        path = queue.popleft()
        if per_kind[kind_of(path)] == PER_KIND:
            continue
        try:
            response = page.goto(base + path)
        except PlaywrightError as error:  # a link to a download (a calendar file, …)
            if "Download is starting" in str(error):
                continue
            raise
        per_kind[kind_of(path)] += 1
        if response is None or response.status >= 400 or not page.url.startswith(base):
            continue
        page.wait_for_load_state("load")
        visited.append(path)
        violations += page.evaluate("window.__cspViolations || []")
        for href in page.eval_on_selector_all(
            "a[href]",  # HTML and SVG links alike
            "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)",
        ):
            link, _fragment = urldefrag(href)
            if not link.startswith(base):
                continue
            target = link[len(base) :]
            if target.startswith(prefix) and target not in seen and not SKIP.search(target):
                seen.add(target)
                queue.append(target)
    return visited, violations + console


@pytest.fixture
def demo(live_server: Any) -> str:
    demo_load(log=lambda _text: None)
    return str(live_server.url)


def test_public_pages_hold_the_policy(demo: str, page: Any) -> None:
    """A resident's walk from the front page, plus a search that htmx loads in place."""
    visited, violations = walk(page, demo, ["/", "/konto/logg-inn/", "/drammen/"])
    assert len(visited) >= 20, visited
    page.goto(demo + "/drammen/")
    page.get_by_label("Postnummer").fill("3015")
    page.get_by_role("button", name="Finn min kommunedel").click()
    page.locator("#find-result").get_by_text("Bragernes").first.wait_for()
    violations += page.evaluate("window.__cspViolations")
    assert not violations, "\n".join(violations)


def test_staff_pages_and_back_office_hold_the_policy(demo: str, page: Any) -> None:
    login(page, demo, "admin@medvirk.example")
    visited, violations = walk(page, demo, ["/drammen/"])
    back_office, back_office_violations = walk(page, demo, ["/admin/"], prefix="/admin/")
    assert len(visited) >= 20 and len(back_office) >= 10, (visited, back_office)
    violations += back_office_violations
    assert not violations, "\n".join(violations)


def test_the_policy_is_strict(live_server: Any, page: Any) -> None:
    """No 'unsafe-inline' or 'unsafe-eval' anywhere; no framing; forms post to the site."""
    response = page.goto(str(live_server.url) + "/")
    policy = response.headers["content-security-policy"]
    assert "unsafe" not in policy
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in policy
