"""iCalendar (RFC 5545) feeds of meetings, written by hand: the format is small and the
text rules (escaping, folding at 75 octets, CRLF) are all this needs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.utils import timezone

from medvirk.localdemocracy.models import Meeting, MeetingStatus


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meetings_calendar(
    *, meetings: Iterable[Meeting], name: str, host: str, url_for: dict[int, str]
) -> str:
    """A VCALENDAR with one VEVENT per meeting; ``url_for`` maps meeting ids to their
    public page."""
    now = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//medvirk//Local democracy//NB",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for meeting in meetings:
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_utc(meeting.starts_at)}",
            f"DTEND:{_utc(meeting.ends_at)}",
            f"SUMMARY:{_escape(meeting.title)}",
            f"LOCATION:{_escape(meeting.online_url or meeting.place_label)}",
            f"STATUS:{'CANCELLED' if meeting.status == MeetingStatus.CANCELLED else 'CONFIRMED'}",
        ]
        if meeting.description:
            lines.append(f"DESCRIPTION:{_escape(meeting.description)}")
        if meeting.pk in url_for:
            lines.append(f"URL:{url_for[meeting.pk]}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
