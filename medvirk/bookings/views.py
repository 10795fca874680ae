"""Hub calendars (week and month, with and without JavaScript), booking a room, the
booking receipt with its cancel link, and the hub host's requests page."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medvirk.bookings import selectors
from medvirk.bookings.access import user_can_host_hub, user_can_see_booking
from medvirk.bookings.forms import BookingForm, DeclineForm, OpeningHoursForm, RoomForm
from medvirk.bookings.ical import calendar_text
from medvirk.bookings.models import Booking, BookingStatus
from medvirk.bookings.notifications import booking_event, booking_notify
from medvirk.bookings.services import (
    booking_cancel,
    booking_confirm,
    booking_decline,
    booking_request,
    booking_series_confirm,
    booking_series_create,
)
from medvirk.core.forms import form_add_service_errors
from medvirk.places import selectors as places
from medvirk.places.crumbs import place_crumbs
from medvirk.places.models import District, Hub, Municipality, Room
from medvirk.places.services import hub_upsert, room_save


def _hub(
    municipality_slug: str, district_slug: str, hub_slug: str
) -> tuple[Municipality, District, Hub]:
    municipality = places.municipality_get(slug=municipality_slug)
    district = places.district_get(municipality=municipality, slug=district_slug)
    hub = places.hub_get(district=district, slug=hub_slug)
    return municipality, district, hub


def _crumbs(
    municipality: Municipality, district: District, hub: Hub, label: str, url: str
) -> list[dict[str, str]]:
    return place_crumbs(municipality, (label, url), district=district, hub=hub)


def _parse_day(value: str | None) -> date:
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return timezone.localdate()


def _notify_on_commit(request: HttpRequest, booking: Booking) -> None:
    """Queue the e-mail about the booking; the booking stands even if that fails (logged)."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    transaction.on_commit(lambda: booking_notify(booking, base_url=base_url), robust=True)


def hub_calendar(
    request: HttpRequest, municipality_slug: str, district_slug: str, hub_slug: str
) -> HttpResponse:
    """The hub's week (default) or month. Plain links move between periods; with HTMX
    only the calendar region is swapped."""
    municipality, district, hub = _hub(municipality_slug, district_slug, hub_slug)
    view = "month" if request.GET.get("visning") == "maaned" else "week"
    day = _parse_day(request.GET.get("dato"))
    calendar = (
        selectors.hub_month(hub=hub, day=day)
        if view == "month"
        else selectors.hub_week(hub=hub, day=day)
    )
    context: dict[str, Any] = {
        "municipality": municipality,
        "district": district,
        "hub": hub,
        "calendar": calendar,
        "view": view,
        "day": day,
        "is_host": user_can_host_hub(request.user, hub=hub),
    }
    if getattr(request, "htmx", False):
        return render(request, "bookings/_calendar.html", context)
    context["breadcrumbs"] = _crumbs(municipality, district, hub, _("Calendar"), request.path)
    return render(request, "bookings/hub_calendar.html", context)


def hub_calendar_ics(
    request: HttpRequest, municipality_slug: str, district_slug: str, hub_slug: str
) -> HttpResponse:
    """The hub's confirmed bookings from 30 days ago and one year ahead, as iCalendar.
    Closed bookings show only as busy."""
    _municipality, _district, hub = _hub(municipality_slug, district_slug, hub_slug)
    today = timezone.localdate()
    bookings = selectors.booking_list_for_hub(
        hub=hub,
        start=today - timedelta(days=30),
        end=today + timedelta(days=366),
    )
    base_url = request.build_absolute_uri(
        reverse("bookings:calendar", args=[municipality_slug, district_slug, hub_slug])
    )
    for booking in bookings:
        booking.room.hub = hub
    text = calendar_text(
        [booking_event(b, base_url=base_url, public=True) for b in bookings], name=hub.name
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{hub.slug}.ics"'
    return response


def _organisations_of(user: Any, municipality: Municipality) -> QuerySet[Any]:
    from medvirk.volunteering.selectors import organisation_list_managed_by

    return organisation_list_managed_by(user=user, municipality=municipality)


@login_required
def booking_create(
    request: HttpRequest, municipality_slug: str, district_slug: str, hub_slug: str
) -> HttpResponse:
    """Ask for a room once or every week. Errors keep the input on the form."""
    municipality, district, hub = _hub(municipality_slug, district_slug, hub_slug)
    rooms = hub.rooms.filter(is_bookable=True).order_by("name")
    organisations = _organisations_of(request.user, municipality)
    initial = {"room": request.GET.get("rom"), "day": request.GET.get("dato"), "is_public": True}
    form = BookingForm(
        request.POST or None, rooms=rooms, organisations=organisations, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts_at, ends_at = form.span()
        try:
            if data.get("repeat_until"):
                series = booking_series_create(
                    room=data["room"],
                    booked_by=request.user,
                    purpose=data["purpose"],
                    first_date=data["day"],
                    last_date=data["repeat_until"],
                    starts=data["starts"],
                    ends=data["ends"],
                    is_public=data["is_public"],
                    organisation=data.get("organisation"),
                    attendees=data.get("attendees"),
                )
                booking = series.bookings.order_by("starts_at").first()
                assert booking is not None
            else:
                booking = booking_request(
                    room=data["room"],
                    starts_at=starts_at,
                    ends_at=ends_at,
                    booked_by=request.user,
                    purpose=data["purpose"],
                    is_public=data["is_public"],
                    organisation=data.get("organisation"),
                    attendees=data.get("attendees"),
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _notify_on_commit(request, booking)
            messages.success(
                request,
                _("Your request is sent to the hub. You will get an e-mail when it is confirmed."),
            )
            return redirect("bookings:receipt", municipality.slug, booking.cancel_token)
    context = {
        "municipality": municipality,
        "district": district,
        "hub": hub,
        "form": form,
        "breadcrumbs": _crumbs(municipality, district, hub, _("Book a room"), request.path),
    }
    return render(request, "bookings/booking_form.html", context)


def _receipt_context(request: HttpRequest, booking: Booking) -> dict[str, Any]:
    hub = booking.room.hub
    district = hub.district
    municipality = district.municipality
    return {
        "booking": booking,
        "hub": hub,
        "district": district,
        "municipality": municipality,
        "can_cancel": booking.status in {BookingStatus.REQUESTED, BookingStatus.CONFIRMED},
        "breadcrumbs": _crumbs(municipality, district, hub, _("Your booking"), request.path),
    }


def booking_receipt(request: HttpRequest, municipality_slug: str, token: str) -> HttpResponse:
    """The booking's own page, reached by its secret link: status, .ics and cancel."""
    booking = selectors.booking_get_by_token(token=token)
    if booking.room.hub.district.municipality.slug != municipality_slug:
        raise Http404("booking")
    response = render(request, "bookings/booking_receipt.html", _receipt_context(request, booking))
    response["X-Robots-Tag"] = "noindex"
    return response


def booking_receipt_ics(request: HttpRequest, municipality_slug: str, token: str) -> HttpResponse:
    booking = selectors.booking_get_by_token(token=token)
    if booking.room.hub.district.municipality.slug != municipality_slug:
        raise Http404("booking")
    url = request.build_absolute_uri(reverse("bookings:receipt", args=[municipality_slug, token]))
    text = calendar_text([booking_event(booking, base_url=url)], name=booking.room.hub.name)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="booking.ics"'
    return response


@require_POST
def booking_cancel_view(request: HttpRequest, municipality_slug: str, token: str) -> HttpResponse:
    """Cancel through the secret link (no login needed)."""
    booking = selectors.booking_get_by_token(token=token)
    if booking.room.hub.district.municipality.slug != municipality_slug:
        raise Http404("booking")
    try:
        booking = booking_cancel(booking=booking)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _notify_on_commit(request, booking)
        messages.success(request, _("The booking is cancelled. The room is free for others."))
    return redirect("bookings:receipt", municipality_slug, token)


@login_required
def hub_requests(
    request: HttpRequest, municipality_slug: str, district_slug: str, hub_slug: str
) -> HttpResponse:
    """The hub host's page: requests waiting for an answer, and the next confirmed
    bookings."""
    municipality, district, hub = _hub(municipality_slug, district_slug, hub_slug)
    if not user_can_host_hub(request.user, hub=hub):
        raise PermissionDenied
    today = timezone.localdate()
    context = {
        "municipality": municipality,
        "district": district,
        "hub": hub,
        "requests": selectors.booking_list_requested(hub=hub),
        "upcoming": selectors.booking_list_for_hub(
            hub=hub, start=today, end=today + timedelta(days=14)
        ),
        "decline_form": DeclineForm(),
        "breadcrumbs": _crumbs(municipality, district, hub, _("Booking requests"), request.path),
    }
    return render(request, "bookings/hub_requests.html", context)


@login_required
@require_POST
def booking_decide(
    request: HttpRequest, municipality_slug: str, district_slug: str, hub_slug: str, pk: int
) -> HttpResponse:
    """A host confirms or declines one request."""
    _municipality, _district, hub = _hub(municipality_slug, district_slug, hub_slug)
    booking = get_object_or_404(
        Booking.objects.select_related("room__hub", "booked_by"), pk=pk, room__hub=hub
    )
    if not user_can_host_hub(request.user, hub=hub):
        raise PermissionDenied
    try:
        if request.POST.get("action") == "confirm_series" and booking.series is not None:
            count = booking_series_confirm(series=booking.series, by=request.user)
            messages.success(
                request,
                _("Confirmed %(count)s dates: %(purpose)s.")
                % {"count": count, "purpose": booking.purpose},
            )
        elif request.POST.get("action") == "confirm":
            booking = booking_confirm(booking=booking, by=request.user)
            messages.success(request, _("Confirmed: %(purpose)s.") % {"purpose": booking.purpose})
        else:
            form = DeclineForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            booking = booking_decline(booking=booking, by=request.user, reason=reason)
            messages.success(request, _("Declined: %(purpose)s.") % {"purpose": booking.purpose})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _notify_on_commit(request, booking)
    return redirect("bookings:requests", municipality_slug, district_slug, hub_slug)


@login_required
def booking_mine(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """The bookings the person has asked for."""
    municipality = places.municipality_get(slug=municipality_slug)
    bookings = [
        booking
        for booking in selectors.booking_list_for_user(user=request.user)
        if booking.room.hub.district.municipality_id == municipality.pk
        and user_can_see_booking(request.user, booking=booking)
    ]
    context = {
        "municipality": municipality,
        "bookings": bookings,
        "breadcrumbs": [
            {"label": _("Front page"), "url": reverse("core:home")},
            {
                "label": municipality.name,
                "url": reverse("places:municipality", args=[municipality.slug]),
            },
            {"label": _("My bookings"), "url": request.path},
        ],
    }
    return render(request, "bookings/booking_mine.html", context)


@login_required
def hub_opening_hours(
    request: HttpRequest, municipality_slug: str, district_slug: str, hub_slug: str
) -> HttpResponse:
    """A hub host sets the opening hours (one span a day); bookings must fall inside."""
    municipality, district, hub = _hub(municipality_slug, district_slug, hub_slug)
    if not user_can_host_hub(request.user, hub=hub):
        raise PermissionDenied
    initial: dict[str, Any] = {}
    for slot in hub.opening_hours.all():
        initial.setdefault(f"opens_{slot.weekday}", slot.opens)
        initial.setdefault(f"closes_{slot.weekday}", slot.closes)
    form = OpeningHoursForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            hub_upsert(
                district=district,
                slug=hub.slug,
                name=hub.name,
                kind=hub.kind,
                opening_hours=form.opening_hours(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The opening hours are saved."))
            return redirect("bookings:requests", municipality.slug, district.slug, hub.slug)
    context = {
        "municipality": municipality,
        "district": district,
        "hub": hub,
        "form": form,
        "breadcrumbs": _crumbs(municipality, district, hub, _("Opening hours"), request.path),
    }
    return render(request, "bookings/opening_hours_form.html", context)


def hub_rooms(
    request: HttpRequest,
    municipality_slug: str,
    district_slug: str,
    hub_slug: str,
    pk: int | None = None,
) -> HttpResponse:
    """A hub host lists the hub's rooms and adds one, or changes one (``pk``)."""
    municipality, district, hub = _hub(municipality_slug, district_slug, hub_slug)
    if not user_can_host_hub(request.user, hub=hub):
        raise PermissionDenied
    room = get_object_or_404(Room, pk=pk, hub=hub) if pk is not None else None
    initial: dict[str, Any] = (
        {
            "name": room.name,
            "capacity": room.capacity,
            "facilities": room.facilities,
            "is_bookable": room.is_bookable,
        }
        if room is not None
        else {"is_bookable": True}
    )
    form = RoomForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = room_save(
                hub=hub,
                room=room,
                name=form.cleaned_data["name"],
                capacity=form.cleaned_data["capacity"],
                facilities=form.cleaned_data["facilities"],
                is_bookable=form.cleaned_data["is_bookable"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("The room %(name)s is saved.") % {"name": saved.name})
            return redirect("bookings:rooms", municipality.slug, district.slug, hub.slug)
    context = {
        "municipality": municipality,
        "district": district,
        "hub": hub,
        "rooms": hub.rooms.order_by("name"),
        "room": room,
        "form": form,
        "breadcrumbs": _crumbs(municipality, district, hub, _("Rooms"), request.path),
    }
    return render(request, "bookings/hub_rooms.html", context)
