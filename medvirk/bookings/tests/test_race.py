"""Two people confirm overlapping bookings of one room at the same moment, each on its
own database connection: exactly one wins, on SQLite and on PostgreSQL.

On PostgreSQL the loser waits for the winner's room lock, then sees its booking and is
refused with the overlap message. SQLite's test database is a shared in-memory database,
where a second writer is turned away at once ("database table is locked") instead of
waiting as it does on a database file; either way nothing overlapping is stored."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, close_old_connections, connection, connections

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.bookings.models import Booking, BookingStatus
from medvirk.bookings.services import booking_confirm, booking_request
from medvirk.bookings.tests.factories import local, open_room

pytestmark = pytest.mark.django_db(transaction=True)


def race(*actions: Callable[[], Any]) -> list[str]:
    """Run the actions in threads released together; return 'ok' or the error's kind."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = ["" for _ in actions]

    def run(index: int, action: Callable[[], Any]) -> None:
        close_old_connections()
        try:
            barrier.wait()
            action()
            outcomes[index] = "ok"
        except ValidationError as exc:
            outcomes[index] = f"refused:{exc.error_list[0].code}"
        except OperationalError as exc:  # SQLite's shared in-memory test database
            outcomes[index] = f"locked:{exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def kinds(outcomes: list[str]) -> list[str]:
    return sorted(outcome.split(":")[0] for outcome in outcomes)


def allowed_outcomes() -> list[list[str]]:
    if connection.vendor == "sqlite":
        return [["ok", "refused"], ["locked", "ok"]]
    return [["ok", "refused"]]


def test_two_racing_confirmations_leave_exactly_one_confirmed_booking() -> None:
    """Two hosts confirm two overlapping requests at once: one is confirmed, the other is
    refused, and the room holds exactly one confirmed booking."""
    room = open_room()
    host = user_with_role(Role.COORDINATOR, district=room.hub.district)
    first = booking_request(
        room=room, starts_at=local(6, 10), ends_at=local(6, 12), booked_by=None, purpose="A"
    )
    second = booking_request(
        room=room, starts_at=local(6, 11), ends_at=local(6, 13), booked_by=None, purpose="B"
    )
    outcomes = race(
        lambda: booking_confirm(booking=first, by=host),
        lambda: booking_confirm(booking=second, by=host),
    )
    assert kinds(outcomes) in allowed_outcomes()
    assert Booking.objects.filter(room=room, status=BookingStatus.CONFIRMED).count() == 1


def test_two_racing_direct_bookings_of_one_slot_leave_exactly_one() -> None:
    """Two staff book the same slot with confirm=True at once: exactly one booking is
    stored."""
    room = open_room()
    outcomes = race(
        lambda: booking_request(
            room=room,
            starts_at=local(6, 10),
            ends_at=local(6, 12),
            booked_by=None,
            purpose="A",
            confirm=True,
        ),
        lambda: booking_request(
            room=room,
            starts_at=local(6, 10),
            ends_at=local(6, 12),
            booked_by=None,
            purpose="B",
            confirm=True,
        ),
    )
    assert kinds(outcomes) in allowed_outcomes()
    assert Booking.objects.filter(room=room).count() == 1
