"""iCalendar (RFC 5545) feeds of meetings, written with the shared writer in
:mod:`medvirk.bookings.ical` (escaping, folding at 75 octets, CRLF)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from medvirk.bookings.ical import CalendarEvent, calendar_text
from medvirk.localdemocracy.models import Meeting, MeetingStatus


def meetings_calendar(
    *, meetings: Iterable[Meeting], name: str, host: str, url_for: dict[int, str]
) -> str:
    """A VCALENDAR with one VEVENT per meeting; ``url_for`` maps meeting ids to their
    public page."""
    events = (
        CalendarEvent(
            uid=f"meeting-{meeting.pk}@{host}",
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            summary=meeting.title,
            location=meeting.online_url or meeting.place_label,
            description=meeting.description,
            url=url_for.get(meeting.pk, ""),
            status="CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED",
        )
        for meeting in meetings
    )
    return calendar_text(events, name=name, now=timezone.now())
