"""The booking service: requests, confirmations, declines, cancellations and series, and
the rules every booking keeps."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.bookings.access import user_can_host_hub
from medvirk.bookings.models import Booking, BookingStatus
from medvirk.bookings.services import (
    booking_cancel,
    booking_confirm,
    booking_decline,
    booking_request,
    booking_series_cancel,
    booking_series_confirm,
    booking_series_create,
)
from medvirk.bookings.tests.factories import local, make_booking, open_room

pytestmark = pytest.mark.django_db


def codes(exc: ValidationError) -> set[str]:
    return {error.code for error in exc.error_list if error.code}


def test_request_waits_for_the_host_and_confirm_creates_it_confirmed() -> None:
    """A resident's request is REQUESTED; a staff booking with confirm=True is CONFIRMED
    and records who decided."""
    room = open_room()
    resident = UserFactory()
    request = booking_request(
        room=room,
        starts_at=local(3, 10),
        ends_at=local(3, 12),
        booked_by=resident,
        purpose="Leksehjelp",
    )
    assert request.status == BookingStatus.REQUESTED
    assert len(request.cancel_token) >= 40
    staff = user_with_role(Role.COORDINATOR, district=room.hub.district)
    direct = booking_request(
        room=room,
        starts_at=local(3, 12),
        ends_at=local(3, 14),
        booked_by=staff,
        purpose="Nærutvalgsmøte",
        confirm=True,
    )
    assert direct.status == BookingStatus.CONFIRMED
    assert direct.decided_by == staff


@pytest.mark.parametrize(
    ("start", "end", "attendees", "code"),
    [
        ((3, 12), (3, 11), None, "ends_before_start"),
        ((3, 12), (3, 12), None, "ends_before_start"),
        ((3, 6), (3, 9), None, "outside_opening_hours"),
        ((3, 21), (4, 9), None, "outside_opening_hours"),
        ((3, 10), (3, 12), 21, "over_capacity"),
    ],
)
def test_bad_requests_are_refused_with_a_reason_and_nothing_is_stored(
    start: tuple[int, int], end: tuple[int, int], attendees: int | None, code: str
) -> None:
    """A booking that ends before it starts, falls outside the opening hours or exceeds
    the room's capacity is refused with its own code, and no row is written."""
    room = open_room(capacity=20)
    with pytest.raises(ValidationError) as caught:
        booking_request(
            room=room,
            starts_at=local(*start),
            ends_at=local(*end),
            booked_by=None,
            purpose="Møte",
            attendees=attendees,
        )
    assert code in codes(caught.value)
    assert str(caught.value.messages[0])
    assert not Booking.objects.exists()


def test_closed_day_and_unbookable_room_are_refused() -> None:
    """A hub without opening hours that day, and a room marked as not bookable, refuse."""
    room = open_room(is_bookable=False)
    room.hub.opening_hours.filter(weekday=local(2, 10).weekday()).delete()
    with pytest.raises(ValidationError) as caught:
        booking_request(
            room=room, starts_at=local(2, 10), ends_at=local(2, 11), booked_by=None, purpose="Møte"
        )
    assert {"not_bookable", "outside_opening_hours"} <= codes(caught.value)


def test_overlap_with_a_confirmed_booking_is_refused_but_touching_is_fine() -> None:
    """[10, 12) blocks [11, 13) but not [12, 14); other rooms are unaffected; requests may
    overlap each other."""
    existing = make_booking(starts_at=local(5, 10), ends_at=local(5, 12))
    room = existing.room
    with pytest.raises(ValidationError) as caught:
        booking_request(
            room=room, starts_at=local(5, 11), ends_at=local(5, 13), booked_by=None, purpose="Kor"
        )
    assert codes(caught.value) == {"overlap"}
    after = booking_request(
        room=room, starts_at=local(5, 12), ends_at=local(5, 14), booked_by=None, purpose="Kor"
    )
    twin = booking_request(
        room=room, starts_at=local(5, 12), ends_at=local(5, 14), booked_by=None, purpose="Korps"
    )
    assert after.status == twin.status == BookingStatus.REQUESTED
    other = open_room()
    booking_request(
        room=other,
        starts_at=local(5, 10),
        ends_at=local(5, 12),
        booked_by=None,
        purpose="Kor",
        confirm=True,
    )


def test_confirm_rechecks_overlap_and_needs_a_host() -> None:
    """Of two overlapping requests, the host can confirm one; the other is refused. A
    resident cannot confirm."""
    room = open_room()
    host = user_with_role(Role.COORDINATOR, district=room.hub.district)
    first = booking_request(
        room=room, starts_at=local(4, 10), ends_at=local(4, 12), booked_by=None, purpose="A"
    )
    second = booking_request(
        room=room, starts_at=local(4, 11), ends_at=local(4, 13), booked_by=None, purpose="B"
    )
    with pytest.raises(PermissionDenied):
        booking_confirm(booking=first, by=UserFactory())
    assert booking_confirm(booking=first, by=host).status == BookingStatus.CONFIRMED
    assert booking_confirm(booking=first, by=host).status == BookingStatus.CONFIRMED
    with pytest.raises(ValidationError) as caught:
        booking_confirm(booking=second, by=host)
    assert codes(caught.value) == {"overlap"}
    second.refresh_from_db()
    assert second.status == BookingStatus.REQUESTED


def test_decline_and_cancel() -> None:
    """A host declines with a reason; the booker cancels; a stranger may not cancel;
    cancelling frees the slot for others."""
    room = open_room()
    booker = UserFactory()
    host = user_with_role(Role.CASE_OFFICER, municipality=room.hub.district.municipality)
    declined = booking_decline(
        booking=booking_request(
            room=room, starts_at=local(4, 10), ends_at=local(4, 12), booked_by=booker, purpose="A"
        ),
        by=host,
        reason="Stengt for maling",
    )
    assert declined.status == BookingStatus.DECLINED
    assert declined.decline_reason == "Stengt for maling"
    with pytest.raises(ValidationError):
        booking_cancel(booking=declined, by=booker)
    confirmed = booking_request(
        room=room,
        starts_at=local(4, 10),
        ends_at=local(4, 12),
        booked_by=booker,
        purpose="B",
        confirm=True,
    )
    with pytest.raises(PermissionDenied):
        booking_cancel(booking=confirmed, by=UserFactory())
    assert booking_cancel(booking=confirmed, by=booker).status == BookingStatus.CANCELLED
    assert booking_cancel(booking=confirmed).status == BookingStatus.CANCELLED
    booking_request(
        room=room,
        starts_at=local(4, 10),
        ends_at=local(4, 12),
        booked_by=None,
        purpose="C",
        confirm=True,
    )


def test_hub_hosts_are_the_district_coordinator_and_municipality_staff() -> None:
    """Coordinators of the hub's district, case officers and administrators of its
    municipality host it; a coordinator of another district and a resident do not."""
    room = open_room()
    hub = room.hub
    district = hub.district
    municipality = district.municipality
    assert user_can_host_hub(user_with_role(Role.COORDINATOR, district=district), hub=hub)
    assert user_can_host_hub(
        user_with_role(Role.MUNICIPALITY_ADMIN, municipality=municipality), hub=hub
    )
    other = open_room().hub.district
    assert not user_can_host_hub(user_with_role(Role.COORDINATOR, district=other), hub=hub)
    assert not user_can_host_hub(UserFactory(), hub=hub)
    assert not user_can_host_hub(None, hub=hub)


def test_series_books_every_week_or_nothing() -> None:
    """A weekly series books each date; a series that hits a confirmed booking stores
    nothing and names the date; cancelling a series cancels its future dates."""
    room = open_room()
    first = local(1, 0).date()
    series = booking_series_create(
        room=room,
        booked_by=None,
        purpose="Middag for menn",
        first_date=first,
        last_date=first + timedelta(weeks=3),
        starts=time(17),
        ends=time(19),
        confirm=True,
    )
    assert series.bookings.count() == 4
    assert {b.starts_at.weekday() for b in series.bookings.all()} == {first.weekday()}
    before = Booking.objects.count()
    with pytest.raises(ValidationError) as caught:
        booking_series_create(
            room=room,
            booked_by=None,
            purpose="Sjakk",
            first_date=first - timedelta(weeks=1),
            last_date=first + timedelta(weeks=1),
            starts=time(18),
            ends=time(20),
        )
    assert f"{first:%d.%m.%Y}" in caught.value.messages[0]
    assert Booking.objects.count() == before
    assert booking_series_cancel(series=series) == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_database_refuses_overlapping_confirmed_rows_on_postgresql() -> None:
    """Even bypassing the service, PostgreSQL's exclusion constraint refuses a second
    confirmed booking of an overlapping span, but accepts a cancelled one."""
    existing = make_booking(starts_at=local(5, 10), ends_at=local(5, 12))
    make_booking(
        room=existing.room,
        starts_at=local(5, 11),
        ends_at=local(5, 13),
        status=BookingStatus.CANCELLED,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        make_booking(room=existing.room, starts_at=local(5, 11), ends_at=local(5, 13))


def test_database_refuses_a_booking_that_ends_before_it_starts() -> None:
    """The check constraint holds on every database."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make_booking(starts_at=local(5, 12), ends_at=local(5, 10))


def test_host_confirms_a_whole_series_or_nothing() -> None:
    """A requested weekly series is confirmed in one go; if one date clashes with a
    confirmed booking, no date is confirmed and the date is named."""
    room = open_room()
    host = user_with_role(Role.COORDINATOR, district=room.hub.district)
    first = local(1, 0).date()
    series = booking_series_create(
        room=room,
        booked_by=None,
        purpose="Kor",
        first_date=first,
        last_date=first + timedelta(weeks=2),
        starts=time(18),
        ends=time(20),
    )
    clash = booking_request(
        room=room,
        starts_at=local(8, 19),
        ends_at=local(8, 21),
        booked_by=None,
        purpose="Bursdag",
        confirm=True,
    )
    with pytest.raises(ValidationError) as caught:
        booking_series_confirm(series=series, by=host)
    assert f"{first + timedelta(weeks=1):%d.%m.%Y}" in caught.value.messages[0]
    assert not series.bookings.filter(status=BookingStatus.CONFIRMED).exists()
    with pytest.raises(PermissionDenied):
        booking_series_confirm(series=series, by=UserFactory())
    booking_cancel(booking=clash)
    assert booking_series_confirm(series=series, by=host) == 3
    assert set(series.bookings.values_list("status", flat=True)) == {BookingStatus.CONFIRMED}


def test_a_hub_host_confirms_bookings_in_their_district_only() -> None:
    """A hub host of the room's district confirms its bookings; a hub host of another
    district may not, and neither is staff of the municipality."""
    from medvirk.accounts.access import user_is_staff_of
    from medvirk.places.tests.factories import DistrictFactory

    room = open_room()
    district = room.hub.district
    host = user_with_role(Role.HUB_HOST, district=district)
    stranger = user_with_role(
        Role.HUB_HOST, district=DistrictFactory(municipality=district.municipality)
    )
    booking = booking_request(
        room=room,
        starts_at=local(3, 10),
        ends_at=local(3, 12),
        booked_by=UserFactory(),
        purpose="Korpsøvelse",
    )
    assert user_can_host_hub(host, hub=room.hub)
    assert not user_can_host_hub(stranger, hub=room.hub)
    with pytest.raises(PermissionDenied):
        booking_confirm(booking=booking, by=stranger)
    assert booking_confirm(booking=booking, by=host).status == BookingStatus.CONFIRMED
    assert not user_is_staff_of(host, municipality=district.municipality)
