"""Bookings of hub rooms, shared by associations, offers and meetings.

A :class:`Booking` holds one room for a half-open time span ``[starts_at, ends_at)``.
Two CONFIRMED bookings of one room never overlap: on PostgreSQL an exclusion constraint
guarantees it, and everywhere the booking service checks it while holding a lock on the
room (see ``services.py``). A :class:`BookingSeries` groups the bookings of a weekly
recurring booking.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.db import models
from django.utils.translation import gettext_lazy as _

from medvirk.bookings.constraints import PostgresOnlyExclusionConstraint, TsTzRange
from medvirk.core.models import TimeStampedModel
from medvirk.places.models import Hub, Room


def new_cancel_token() -> str:
    return secrets.token_urlsafe(32)


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class BookingSeries(TimeStampedModel):
    """A weekly recurring booking: the same room, weekday and times, every ``interval``
    weeks from ``first_date`` up to and including ``last_date``."""

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="booking_series", verbose_name=_("room")
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking_series",
        verbose_name=_("booked by"),
    )
    organisation = models.ForeignKey(
        "volunteering.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking_series",
        verbose_name=_("association"),
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    interval_weeks = models.PositiveSmallIntegerField(_("every how many weeks"), default=1)

    class Meta:
        ordering = ["first_date", "starts"]
        verbose_name = _("recurring booking")
        verbose_name_plural = _("recurring bookings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")),
                name="booking_series_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(last_date__gte=models.F("first_date")),
                name="booking_series_last_not_before_first",
            ),
            models.CheckConstraint(
                condition=models.Q(interval_weeks__gte=1), name="booking_series_interval_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.purpose


class Booking(TimeStampedModel):
    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("room")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("booked by"),
    )
    organisation = models.ForeignKey(
        "volunteering.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("association"),
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    is_public = models.BooleanField(
        _("show the purpose publicly"),
        default=True,
        help_text=_("Closed bookings show only as “busy” on the hub's calendar."),
    )
    attendees = models.PositiveIntegerField(_("expected number of people"), null=True, blank=True)
    cancel_token = models.CharField(
        _("cancel code"), max_length=64, unique=True, default=new_cancel_token, editable=False
    )
    series = models.ForeignKey(
        BookingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("recurring booking"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        ordering = ["starts_at", "room_id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["room", "starts_at"], name="booking_room_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_start",
            ),
            PostgresOnlyExclusionConstraint(
                name="booking_no_overlap_confirmed",
                expressions=[
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("room", RangeOperators.EQUAL),
                ],
                condition=models.Q(status=BookingStatus.CONFIRMED),
                violation_error_message=_("The room is already booked at that time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.starts_at:%Y-%m-%d %H:%M})"

    @property
    def hub(self) -> Hub:
        return self.room.hub

    @property
    def duration_hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600
