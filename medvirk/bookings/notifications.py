"""E-mails about bookings, with the booking as an iCalendar file and a link to cancel.
Views queue them in the outbox after the booking is saved; the task worker sends them
(see medvirk.core.mail)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medvirk.bookings.ical import CalendarEvent, calendar_text
from medvirk.bookings.models import Booking, BookingStatus
from medvirk.core.mail import Attachment, mail_queue


def booking_event(booking: Booking, *, base_url: str = "", public: bool = False) -> CalendarEvent:
    """A booking as a calendar event; ``public`` hides the purpose of closed bookings."""
    hub = booking.room.hub
    summary = booking.purpose
    if public and not booking.is_public:
        summary = _("Busy")
    status = {
        BookingStatus.CONFIRMED: "CONFIRMED",
        BookingStatus.REQUESTED: "TENTATIVE",
    }.get(BookingStatus(booking.status), "CANCELLED")
    return CalendarEvent(
        uid=f"booking-{booking.pk}@medvirk",
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        summary=summary,
        location=f"{hub.name}, {booking.room.name}, {hub.address}",
        status=status,
        sequence=0 if status != "CANCELLED" else 1,
        url=base_url,
    )


def booking_receipt_url(booking: Booking, *, base_url: str) -> str:
    municipality = booking.room.hub.district.municipality
    return base_url + reverse("bookings:receipt", args=[municipality.slug, booking.cancel_token])


def booking_notify(booking: Booking, *, base_url: str) -> None:
    """Tell the person who booked what happened, with the booking as an .ics file."""
    if booking.booked_by is None or not booking.booked_by.email:
        return
    receipt = booking_receipt_url(booking, base_url=base_url)
    local_start = timezone.localtime(booking.starts_at)
    local_end = timezone.localtime(booking.ends_at)
    when = f"{local_start:%d.%m.%Y %H:%M}–{local_end:%H:%M}"
    room = f"{booking.room.hub.name}, {booking.room.name}"
    subjects = {
        BookingStatus.REQUESTED: _("We have received your booking request"),
        BookingStatus.CONFIRMED: _("Your booking is confirmed"),
        BookingStatus.DECLINED: _("Your booking request was declined"),
        BookingStatus.CANCELLED: _("Your booking is cancelled"),
    }
    lines = [
        str(subjects[BookingStatus(booking.status)]),
        "",
        f"{booking.purpose}",
        f"{room}",
        f"{when}",
    ]
    if booking.status == BookingStatus.DECLINED and booking.decline_reason:
        lines += ["", _("Reason: %(reason)s") % {"reason": booking.decline_reason}]
    if booking.status in {BookingStatus.REQUESTED, BookingStatus.CONFIRMED}:
        lines += ["", _("See or cancel the booking here: %(url)s") % {"url": receipt}]
    attachments = []
    if booking.status in {BookingStatus.REQUESTED, BookingStatus.CONFIRMED}:
        attachments.append(
            Attachment(
                name="booking.ics",
                content=calendar_text(
                    [booking_event(booking, base_url=receipt)], name=room, method="PUBLISH"
                ),
                mimetype="text/calendar",
            )
        )
    mail_queue(
        municipality=booking.room.hub.district.municipality,
        to=booking.booked_by.email,
        subject=f"{subjects[BookingStatus(booking.status)]}: {booking.purpose}",
        body="\n".join(lines),
        attachments=attachments,
    )
