"""Every region that scrolls on its own can be reached and is named.

A box with ``overflow: auto`` becomes a scrollable region as soon as its content is wider
than it, and whether that happens depends on the fonts and the width of the screen. So
the rule is checked on the source, not on one rendering: the only class that may scroll
is ``table-scroll``, and every element that carries it is focusable (``tabindex="0"``),
is a region (``role="region"``) and has a name (``aria-labelledby`` or ``aria-label``),
so keyboard users can scroll it and screen readers announce it (WCAG 2.1.1 and 4.1.2).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

MEDVIRK = Path(__file__).resolve().parents[2]
SCROLL_CLASSES = {"table-scroll"}
OVERFLOW = re.compile(r"([^{}]+)\{[^}]*overflow(?:-x|-y)?\s*:\s*(?:auto|scroll)", re.S)


def _css_files() -> list[Path]:
    return [p for p in MEDVIRK.glob("*/static/**/*.css")]


def _templates() -> list[Path]:
    return sorted(MEDVIRK.glob("*/templates/**/*.html"))


class _ScrollRegions(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if classes & SCROLL_CLASSES:
            self.found.append(attributes)


def test_only_the_scroll_region_class_scrolls() -> None:
    """No style sheet of the app makes anything but ``.table-scroll`` scroll."""
    selectors = []
    for path in _css_files():
        for match in OVERFLOW.finditer(path.read_text(encoding="utf-8")):
            selector = match.group(1).strip().split("\n")[-1].strip()
            if selector not in {"." + name for name in SCROLL_CLASSES}:
                selectors.append(f"{path.relative_to(MEDVIRK)}: {selector}")
    assert selectors == []
    assert _css_files(), "the app's style sheets were not found"


def test_every_scroll_region_is_focusable_and_named() -> None:
    """Each element with a scrolling class has tabindex 0, role region and a name."""
    problems = []
    regions = 0
    for path in _templates():
        parser = _ScrollRegions()
        parser.feed(path.read_text(encoding="utf-8"))
        for attributes in parser.found:
            regions += 1
            if attributes.get("tabindex") != "0" or attributes.get("role") != "region":
                problems.append(f"{path.relative_to(MEDVIRK)}: needs tabindex=0 role=region")
            if not (attributes.get("aria-labelledby") or attributes.get("aria-label")):
                problems.append(f"{path.relative_to(MEDVIRK)}: needs a name")
    assert problems == []
    assert regions >= 7, "the templates' scroll regions were not found"
