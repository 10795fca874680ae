"""Writes about bookings: request, confirm, decline and cancel, single and weekly.

The guarantee: two CONFIRMED bookings of one room never overlap. Every write that can
confirm a booking runs in a transaction that first locks the room row
(``select_for_update``), then checks for overlapping confirmed bookings, then writes. On
PostgreSQL the lock serialises racing writers and an exclusion constraint backs it up;
on SQLite the transaction starts with ``BEGIN IMMEDIATE`` (see settings), which
serialises writers for the whole database.

Requests (``confirm=False``) may overlap each other: several people may ask for the same
slot, and the hub host chooses. A request may not overlap a confirmed booking.

Naive datetimes are read as local time (``TIME_ZONE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medvirk.bookings.access import user_can_cancel_booking, user_can_host_hub
from medvirk.bookings.models import Booking, BookingSeries, BookingStatus
from medvirk.places.models import OpeningHours, Room

MAX_SERIES_OCCURRENCES = 60
ACTIVE_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)


def _aware(value: datetime) -> datetime:
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _overlap_error() -> ValidationError:
    return ValidationError(
        _("The room is already booked at that time. Choose another time or another room."),
        code="overlap",
    )


def _within_opening_hours(room: Room, starts_at: datetime, ends_at: datetime) -> bool:
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    if start.date() != end.date():
        return False
    hours = OpeningHours.objects.filter(hub_id=room.hub_id, weekday=start.weekday())
    return any(slot.opens <= start.time() and end.time() <= slot.closes for slot in hours)


def _check_request(
    *,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str,
    attendees: int | None,
) -> None:
    """Everything that can be checked without the lock; raises all problems at once."""
    if ends_at <= starts_at:
        raise ValidationError(_("The booking must end after it starts."), code="ends_before_start")
    errors: list[ValidationError] = []
    if not purpose.strip():
        errors.append(ValidationError(_("Say what the room is for."), code="purpose_required"))
    if not room.is_bookable:
        errors.append(ValidationError(_("This room cannot be booked."), code="not_bookable"))
    if attendees is not None and attendees > room.capacity:
        errors.append(
            ValidationError(
                _(
                    "The room holds %(capacity)s people; you expect %(attendees)s. Choose a "
                    "larger room."
                )
                % {"capacity": room.capacity, "attendees": attendees},
                code="over_capacity",
            )
        )
    if not _within_opening_hours(room, starts_at, ends_at):
        errors.append(
            ValidationError(
                _("The hub is not open for the whole of that time. See the opening hours."),
                code="outside_opening_hours",
            )
        )
    if errors:
        raise ValidationError(errors)


def _lock_room(room: Room) -> Room:
    return Room.objects.select_for_update().get(pk=room.pk)


def _overlaps_confirmed(
    *, room: Room, starts_at: datetime, ends_at: datetime, exclude_pk: int | None = None
) -> bool:
    overlapping = Booking.objects.filter(
        room_id=room.pk,
        status=BookingStatus.CONFIRMED,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    if exclude_pk is not None:
        overlapping = overlapping.exclude(pk=exclude_pk)
    return overlapping.exists()


def _save_guarded(booking: Booking, **kwargs: Any) -> None:
    """Save in a savepoint; a violated exclusion constraint becomes the overlap error."""
    try:
        with transaction.atomic():
            booking.save(**kwargs)
    except IntegrityError as exc:
        raise _overlap_error() from exc


def booking_request(
    *,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    booked_by: Any | None,
    purpose: str,
    confirm: bool = False,
    is_public: bool = True,
    organisation: Any = None,
    attendees: int | None = None,
) -> Booking:
    """Ask for a room. With ``confirm=True`` the booking is CONFIRMED at once (for staff
    and meetings; the caller decides who may do that), otherwise it is REQUESTED and
    waits for a hub host. Raises ValidationError when the span is empty, falls outside the
    hub's opening hours, exceeds the room's capacity, the room cannot be booked, or the
    span overlaps a confirmed booking of the room."""
    starts_at, ends_at = _aware(starts_at), _aware(ends_at)
    _check_request(
        room=room, starts_at=starts_at, ends_at=ends_at, purpose=purpose, attendees=attendees
    )
    with transaction.atomic():
        locked = _lock_room(room)
        if _overlaps_confirmed(room=locked, starts_at=starts_at, ends_at=ends_at):
            raise _overlap_error()
        booking = Booking(
            room=locked,
            starts_at=starts_at,
            ends_at=ends_at,
            booked_by=booked_by,
            organisation=organisation,
            purpose=purpose.strip(),
            is_public=is_public,
            attendees=attendees,
            status=BookingStatus.CONFIRMED if confirm else BookingStatus.REQUESTED,
        )
        if confirm:
            booking.decided_by = booked_by
            booking.decided_at = timezone.now()
        _save_guarded(booking)
    return booking


def booking_confirm(*, booking: Booking, by: Any) -> Booking:
    """A hub host confirms a request. The overlap check is repeated under the room lock,
    so of two racing confirmations of overlapping requests exactly one succeeds.
    Confirming a confirmed booking changes nothing."""
    if not user_can_host_hub(by, hub=booking.room.hub):
        raise PermissionDenied
    with transaction.atomic():
        _lock_room(booking.room)
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status == BookingStatus.CONFIRMED:
            return current
        if current.status != BookingStatus.REQUESTED:
            raise ValidationError(
                _("Only a requested booking can be confirmed."), code="not_requested"
            )
        if _overlaps_confirmed(
            room=booking.room,
            starts_at=current.starts_at,
            ends_at=current.ends_at,
            exclude_pk=current.pk,
        ):
            raise _overlap_error()
        current.status = BookingStatus.CONFIRMED
        current.decided_by = by
        current.decided_at = timezone.now()
        _save_guarded(current, update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return current


def booking_decline(*, booking: Booking, by: Any, reason: str = "") -> Booking:
    """A hub host declines a request (or withdraws a confirmed booking), with a reason
    the booker is shown."""
    if not user_can_host_hub(by, hub=booking.room.hub):
        raise PermissionDenied
    with transaction.atomic():
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status == BookingStatus.DECLINED:
            return current
        if current.status not in ACTIVE_STATUSES:
            raise ValidationError(_("A cancelled booking cannot be declined."), code="not_active")
        current.status = BookingStatus.DECLINED
        current.decided_by = by
        current.decided_at = timezone.now()
        current.decline_reason = reason.strip()
        current.save(
            update_fields=["status", "decided_by", "decided_at", "decline_reason", "updated_at"]
        )
    return current


def booking_cancel(*, booking: Booking, by: Any | None = None) -> Booking:
    """Cancel a booking. ``by=None`` means the cancel link was used (the caller checked
    the token); a person must be the booker, a manager of the association or a host.
    Cancelling twice changes nothing."""
    if by is not None and not user_can_cancel_booking(by, booking=booking):
        raise PermissionDenied
    with transaction.atomic():
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status == BookingStatus.CANCELLED:
            return current
        if current.status not in ACTIVE_STATUSES:
            raise ValidationError(_("A declined booking cannot be cancelled."), code="not_active")
        current.status = BookingStatus.CANCELLED
        current.save(update_fields=["status", "updated_at"])
    return current


@dataclass(frozen=True)
class Occurrence:
    starts_at: datetime
    ends_at: datetime


def series_occurrences(
    *, first_date: date, last_date: date, starts: time, ends: time, interval_weeks: int = 1
) -> list[Occurrence]:
    """The dates of a weekly series in local time, each at the same wall-clock times
    (also across the change to and from summer time)."""
    result: list[Occurrence] = []
    day = first_date
    while day <= last_date:
        result.append(
            Occurrence(
                starts_at=timezone.make_aware(datetime.combine(day, starts)),
                ends_at=timezone.make_aware(datetime.combine(day, ends)),
            )
        )
        day += timedelta(weeks=interval_weeks)
    return result


def booking_series_create(
    *,
    room: Room,
    booked_by: Any | None,
    purpose: str,
    first_date: date,
    last_date: date,
    starts: time,
    ends: time,
    interval_weeks: int = 1,
    confirm: bool = False,
    is_public: bool = True,
    organisation: Any = None,
    attendees: int | None = None,
) -> BookingSeries:
    """Book the same room on the same weekday and times every ``interval_weeks`` weeks.
    All or nothing: if any date cannot be booked, nothing is stored and the message names
    the dates."""
    if interval_weeks < 1:
        raise ValidationError(_("Repeat at least every week."), code="interval")
    if last_date < first_date:
        raise ValidationError(
            _("The last date must not be before the first."), code="last_before_first"
        )
    occurrences = series_occurrences(
        first_date=first_date,
        last_date=last_date,
        starts=starts,
        ends=ends,
        interval_weeks=interval_weeks,
    )
    if len(occurrences) > MAX_SERIES_OCCURRENCES:
        raise ValidationError(
            _("A recurring booking can have at most %(count)s dates.")
            % {"count": MAX_SERIES_OCCURRENCES},
            code="too_many",
        )
    for occurrence in occurrences:
        _check_request(
            room=room,
            starts_at=occurrence.starts_at,
            ends_at=occurrence.ends_at,
            purpose=purpose,
            attendees=attendees,
        )
    with transaction.atomic():
        locked = _lock_room(room)
        clashes = [
            occurrence
            for occurrence in occurrences
            if _overlaps_confirmed(
                room=locked, starts_at=occurrence.starts_at, ends_at=occurrence.ends_at
            )
        ]
        if clashes:
            dates = ", ".join(
                f"{timezone.localtime(occurrence.starts_at):%d.%m.%Y}" for occurrence in clashes
            )
            raise ValidationError(
                _("The room is already booked on %(dates)s. Nothing was booked.")
                % {"dates": dates},
                code="overlap",
            )
        series = BookingSeries.objects.create(
            room=locked,
            booked_by=booked_by,
            organisation=organisation,
            purpose=purpose.strip(),
            first_date=first_date,
            last_date=last_date,
            starts=starts,
            ends=ends,
            interval_weeks=interval_weeks,
        )
        status = BookingStatus.CONFIRMED if confirm else BookingStatus.REQUESTED
        decided_at = timezone.now() if confirm else None
        bookings = [
            Booking(
                room=locked,
                starts_at=occurrence.starts_at,
                ends_at=occurrence.ends_at,
                booked_by=booked_by,
                organisation=organisation,
                purpose=purpose.strip(),
                is_public=is_public,
                attendees=attendees,
                status=status,
                series=series,
                decided_by=booked_by if confirm else None,
                decided_at=decided_at,
            )
            for occurrence in occurrences
        ]
        try:
            with transaction.atomic():
                Booking.objects.bulk_create(bookings)
        except IntegrityError as exc:
            raise _overlap_error() from exc
    return series


def booking_series_cancel(*, series: BookingSeries, by: Any | None = None) -> int:
    """Cancel every future active booking of a series; returns how many were cancelled."""
    now = timezone.now()
    cancelled = 0
    with transaction.atomic():
        for booking in series.bookings.select_related("room__hub__district__municipality").filter(
            status__in=ACTIVE_STATUSES, starts_at__gte=now
        ):
            booking_cancel(booking=booking, by=by)
            cancelled += 1
    return cancelled


def booking_series_confirm(*, series: BookingSeries, by: Any) -> int:
    """A hub host confirms every requested date of a recurring booking at once. All or
    nothing: if any date clashes with a confirmed booking, nothing changes and the
    message names the dates. Returns how many dates were confirmed."""
    if not user_can_host_hub(by, hub=series.room.hub):
        raise PermissionDenied
    with transaction.atomic():
        locked = _lock_room(series.room)
        waiting = list(series.bookings.select_for_update().filter(status=BookingStatus.REQUESTED))
        clashes = [
            booking
            for booking in waiting
            if _overlaps_confirmed(
                room=locked,
                starts_at=booking.starts_at,
                ends_at=booking.ends_at,
                exclude_pk=booking.pk,
            )
        ]
        if clashes:
            dates = ", ".join(f"{timezone.localtime(b.starts_at):%d.%m.%Y}" for b in clashes)
            raise ValidationError(
                _("The room is already booked on %(dates)s. Nothing was confirmed.")
                % {"dates": dates},
                code="overlap",
            )
        now = timezone.now()
        for booking in waiting:
            booking.status = BookingStatus.CONFIRMED
            booking.decided_by = by
            booking.decided_at = now
            _save_guarded(
                booking, update_fields=["status", "decided_by", "decided_at", "updated_at"]
            )
    return len(waiting)


# --- Privacy -----------------------------------------------------------------------------


def bookings_anonymise(*, user: Any) -> int:
    """Before the person's account is deleted: their future bookings, single and
    recurring, are cancelled as the cancel link would cancel them; past bookings stay on
    the hubs' records without the person. Decisions they made as a host keep no name.
    Returns how many bookings were cancelled."""
    now = timezone.now()
    cancelled = 0
    with transaction.atomic():
        for series in BookingSeries.objects.filter(booked_by=user):
            cancelled += booking_series_cancel(series=series, by=None)
        for booking in Booking.objects.filter(
            booked_by=user, status__in=ACTIVE_STATUSES, starts_at__gte=now
        ):
            booking_cancel(booking=booking, by=None)
            cancelled += 1
        BookingSeries.objects.filter(booked_by=user).update(booked_by=None)
        Booking.objects.filter(booked_by=user).update(booked_by=None)
        Booking.objects.filter(decided_by=user).update(decided_by=None)
    return cancelled
