"""What the bookings app holds about a person: their room bookings, single and weekly,
and the bookings they decided on as a host (see :mod:`medvirk.core.privacy`)."""

from __future__ import annotations

from typing import Any

from medvirk.bookings.models import Booking, BookingSeries
from medvirk.bookings.services import bookings_anonymise
from medvirk.core.privacy import Export, references, rows

COVERS = frozenset({"bookings.Booking", "bookings.BookingSeries"})


def export(user: Any) -> Export:
    return {
        "bookings.Booking": rows(
            Booking.objects.filter(booked_by=user).select_related("room", "organisation"),
            (
                "room",
                "starts_at",
                "ends_at",
                "status",
                "purpose",
                "organisation",
                "is_public",
                "attendees",
                "decline_reason",
                "created_at",
            ),
        ),
        "bookings.BookingSeries": rows(
            BookingSeries.objects.filter(booked_by=user).select_related("room", "organisation"),
            (
                "room",
                "purpose",
                "organisation",
                "first_date",
                "last_date",
                "starts",
                "ends",
                "interval_weeks",
                "created_at",
            ),
        ),
        # Staff work: which decision, not whose booking.
        "bookings.Booking/decided_by": references(
            user, Booking, "decided_by", ("room", "starts_at", "status", "decided_at")
        ),
    }


def anonymise(user: Any, *, base_url: str = "") -> None:
    bookings_anonymise(user=user)
