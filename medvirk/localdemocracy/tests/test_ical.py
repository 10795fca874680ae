"""The meetings feed is valid iCalendar: one event per meeting, cancelled meetings marked,
text escaped and long lines folded (RFC 5545)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from medvirk.localdemocracy.ical import meetings_calendar
from medvirk.localdemocracy.models import MeetingStatus


def _meeting(pk: int, title: str, status: str = MeetingStatus.PLANNED) -> Any:
    """A stand-in with the attributes the feed reads from a Meeting."""
    return SimpleNamespace(
        pk=pk,
        title=title,
        starts_at=datetime(2026, 12, 8, 17, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 8, 19, 0, tzinfo=UTC),
        online_url="",
        place_label="Konnerud bibliotek, Møterom 1",
        description="Sak 1: Åpningstider; sak 2, budsjett",
        status=status,
    )


def test_feed_has_one_event_per_meeting_with_escaped_folded_text() -> None:
    """Each meeting becomes a VEVENT; commas and semicolons are escaped; no physical line
    is longer than 75 octets, and unfolding restores the text."""
    text = meetings_calendar(
        meetings=[
            _meeting(1, "Nærutvalgsmøte på Åssiden " * 4),
            _meeting(2, "Dialogmøte", status=MeetingStatus.CANCELLED),
        ],
        name="Møter i Konnerud",
        host="medvirk.example",
        url_for={1: "https://medvirk.example/drammen/konnerud/moter/1/"},
    )
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "UID:meeting-1@medvirk.example" in unfolded
    assert "DESCRIPTION:Sak 1: Åpningstider\\; sak 2\\, budsjett" in unfolded
    assert "SUMMARY:" + "Nærutvalgsmøte på Åssiden " * 4 in unfolded
    assert "STATUS:CANCELLED" in unfolded
    assert "URL:https://medvirk.example/drammen/konnerud/moter/1/" in unfolded
