"""Reads about bookings: a hub's bookings in a period, its week and month calendars, and
occupancy (hours booked against hours open)."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from medvirk.bookings.access import user_can_host_hub
from medvirk.bookings.models import Booking, BookingStatus
from medvirk.places.models import Hub, Municipality, OpeningHours, Room


def room_list_for_host(*, user: Any, municipality: Municipality) -> QuerySet[Room]:
    """The bookable rooms of the municipality's hubs that the user hosts
    (``access.user_can_host_hub``): a district coordinator gets their district's rooms,
    case officers and administrators of the municipality all of them. By hub and name;
    two queries, whatever the number of hubs."""
    hubs = Hub.objects.filter(district__municipality=municipality).select_related(
        "district__municipality"
    )
    hosted = [hub.pk for hub in hubs if user_can_host_hub(user, hub=hub)]
    return (
        Room.objects.filter(hub_id__in=hosted, is_bookable=True)
        .select_related("hub")
        .order_by("hub__name", "name")
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def booking_list_for_hub(
    *,
    hub: Hub,
    start: date,
    end: date,
    statuses: Sequence[str] = (BookingStatus.CONFIRMED,),
) -> QuerySet[Booking]:
    """Bookings of the hub's rooms that touch the local dates [start, end)."""
    return (
        Booking.objects.filter(
            room__hub=hub,
            status__in=list(statuses),
            starts_at__lt=_day_start(end),
            ends_at__gt=_day_start(start),
        )
        .select_related("room", "organisation")
        .order_by("starts_at", "room__name")
    )


def booking_list_requested(*, hub: Hub) -> QuerySet[Booking]:
    """Requests waiting for a hub host, oldest first; past ones are left out."""
    return (
        Booking.objects.filter(
            room__hub=hub, status=BookingStatus.REQUESTED, ends_at__gt=timezone.now()
        )
        .select_related("room", "organisation", "booked_by")
        .order_by("created_at")
    )


def booking_list_for_user(*, user: Any) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(booked_by=user)
        .select_related("room__hub__district__municipality", "organisation")
        .order_by("-starts_at")
    )


def booking_get_by_token(*, token: str) -> Booking:
    try:
        return Booking.objects.select_related(
            "room__hub__district__municipality", "organisation", "booked_by"
        ).get(cancel_token=token)
    except Booking.DoesNotExist as exc:
        raise Http404("booking") from exc


def booking_public_label(booking: Booking) -> str:
    """What the public calendar says: the purpose, or "Busy" for closed bookings."""
    if not booking.is_public:
        return _("Busy")
    if booking.organisation_id and booking.organisation is not None:
        return f"{booking.purpose} ({booking.organisation.name})"
    return booking.purpose


@dataclass
class CalendarDay:
    day: date
    entries: list[Booking] = field(default_factory=list)
    opening: list[tuple[time, time]] = field(default_factory=list)
    in_month: bool = True

    @property
    def is_today(self) -> bool:
        return self.day == timezone.localdate()

    @property
    def is_closed(self) -> bool:
        return not self.opening


@dataclass
class HubCalendar:
    hub: Hub
    start: date  # first day shown
    end: date  # day after the last day shown
    days: list[CalendarDay]
    previous: date
    following: date
    occupancy: Occupancy

    @property
    def weeks(self) -> list[list[CalendarDay]]:
        return [self.days[index : index + 7] for index in range(0, len(self.days), 7)]


def _opening_by_weekday(hubs: Iterable[Hub]) -> dict[int, dict[int, list[tuple[time, time]]]]:
    by_hub: dict[int, dict[int, list[tuple[time, time]]]] = defaultdict(lambda: defaultdict(list))
    for slot in OpeningHours.objects.filter(hub__in=list(hubs)).order_by("opens"):
        by_hub[slot.hub_id][slot.weekday].append((slot.opens, slot.closes))
    return by_hub


def _calendar(hub: Hub, start: date, end: date, anchor_month: int | None) -> list[CalendarDay]:
    opening = _opening_by_weekday([hub])[hub.pk]
    days = [
        CalendarDay(
            day=start + timedelta(days=offset),
            opening=list(opening.get((start + timedelta(days=offset)).weekday(), [])),
            in_month=anchor_month is None or (start + timedelta(days=offset)).month == anchor_month,
        )
        for offset in range((end - start).days)
    ]
    by_day = {calendar_day.day: calendar_day for calendar_day in days}
    for booking in booking_list_for_hub(hub=hub, start=start, end=end):
        local_day = timezone.localtime(booking.starts_at).date()
        if local_day in by_day:
            by_day[local_day].entries.append(booking)
    return days


def hub_week(*, hub: Hub, day: date) -> HubCalendar:
    """The Monday-to-Sunday week holding ``day``: each day's opening hours and confirmed
    bookings, and the week's occupancy."""
    start = day - timedelta(days=day.weekday())
    end = start + timedelta(days=7)
    return HubCalendar(
        hub=hub,
        start=start,
        end=end,
        days=_calendar(hub, start, end, None),
        previous=start - timedelta(days=7),
        following=end,
        occupancy=hub_occupancy(hub=hub, start=start, end=end),
    )


def hub_month(*, hub: Hub, day: date) -> HubCalendar:
    """The month holding ``day`` as whole weeks (Monday first), with the month's
    occupancy."""
    first = day.replace(day=1)
    last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=7 - last.weekday())
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    return HubCalendar(
        hub=hub,
        start=start,
        end=end,
        days=_calendar(hub, start, end, day.month),
        previous=previous,
        following=following,
        occupancy=hub_occupancy(hub=hub, start=first, end=following),
    )


@dataclass(frozen=True)
class Occupancy:
    hours_booked: float
    hours_open: float

    @property
    def ratio(self) -> float | None:
        if self.hours_open <= 0:
            return None
        return min(self.hours_booked / self.hours_open, 1.0)

    @property
    def percent(self) -> int | None:
        ratio = self.ratio
        return None if ratio is None else round(ratio * 100)


def occupancy_for_hubs(*, hubs: Sequence[Hub], start: date, end: date) -> dict[int, Occupancy]:
    """Per hub: confirmed hours booked in its bookable rooms within the local dates
    [start, end), against the hours it is open times the number of bookable rooms.
    Three queries, whatever the number of hubs."""
    hub_ids = [hub.pk for hub in hubs]
    rooms: dict[int, int] = defaultdict(int)
    for hub_id in Room.objects.filter(hub_id__in=hub_ids, is_bookable=True).values_list(
        "hub_id", flat=True
    ):
        rooms[hub_id] += 1
    opening = _opening_by_weekday(hubs)
    open_hours: dict[int, float] = defaultdict(float)
    day = start
    while day < end:
        for hub_id in hub_ids:
            for opens, closes in opening[hub_id].get(day.weekday(), []):
                seconds = (
                    datetime.combine(day, closes) - datetime.combine(day, opens)
                ).total_seconds()
                open_hours[hub_id] += seconds / 3600 * rooms[hub_id]
        day += timedelta(days=1)
    window_start, window_end = _day_start(start), _day_start(end)
    booked: dict[int, float] = defaultdict(float)
    for room_hub_id, starts_at, ends_at in Booking.objects.filter(
        room__hub_id__in=hub_ids,
        room__is_bookable=True,
        status=BookingStatus.CONFIRMED,
        starts_at__lt=window_end,
        ends_at__gt=window_start,
    ).values_list("room__hub_id", "starts_at", "ends_at"):
        span = min(ends_at, window_end) - max(starts_at, window_start)
        booked[room_hub_id] += span.total_seconds() / 3600
    return {
        hub_id: Occupancy(
            hours_booked=round(booked[hub_id], 2), hours_open=round(open_hours[hub_id], 2)
        )
        for hub_id in hub_ids
    }


def hub_occupancy(*, hub: Hub, start: date, end: date) -> Occupancy:
    return occupancy_for_hubs(hubs=[hub], start=start, end=end)[hub.pk]
