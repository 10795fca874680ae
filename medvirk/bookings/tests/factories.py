"""Factories for bookings: a hub open every day 08–22 with a room, and bookings in it."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, cast

import factory
from django.utils import timezone

from medvirk.bookings.models import Booking, BookingStatus
from medvirk.places.models import Hub, OpeningHours, Room
from medvirk.places.tests.factories import HubFactory, RoomFactory


def open_every_day(hub: Hub, opens: time = time(8), closes: time = time(22)) -> Hub:
    OpeningHours.objects.bulk_create(
        OpeningHours(hub=hub, weekday=day, opens=opens, closes=closes) for day in range(7)
    )
    return hub


def open_room(**kwargs: object) -> Room:
    """A bookable room in a hub that is open every day from 08 to 22."""
    hub = open_every_day(cast(Hub, HubFactory()))
    return cast(Room, RoomFactory(hub=hub, **kwargs))


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """An aware local datetime ``day`` days after today, at the given time."""
    base = timezone.localdate() + timedelta(days=day)
    return timezone.make_aware(datetime.combine(base, time(hour, minute)))


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    room = factory.LazyFunction(open_room)
    starts_at = factory.LazyFunction(lambda: local(7, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    status = BookingStatus.CONFIRMED
    purpose = "Strikkekafé"


def make_booking(**kwargs: Any) -> Booking:
    """A confirmed booking (next week, 10–12) with the given fields replaced."""
    return cast(Booking, BookingFactory(**kwargs))
