"""The hand-written iCalendar writer follows RFC 5545's text rules."""

from __future__ import annotations

from medvirk.localdemocracy.ical import _escape, _fold


def test_text_is_escaped() -> None:
    """Backslash, semicolon, comma and newlines are escaped."""
    assert _escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_characters() -> None:
    """Every physical line is at most 75 octets, continuation lines start with a space,
    and unfolding gives back the original line, also with Norwegian letters."""
    line = "SUMMARY:" + "Nærutvalgsmøte på Åssiden " * 10
    folded = _fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line
