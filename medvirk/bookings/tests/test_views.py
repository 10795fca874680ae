"""The hub calendar, booking a room, the receipt with its cancel link, the host's
requests page, the iCalendar feeds and the API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.bookings.ical import calendar_text, escape_text, fold
from medvirk.bookings.models import Booking, BookingStatus
from medvirk.bookings.tests.factories import local, make_booking, open_room
from medvirk.places.models import Room
from medvirk.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


def hub_args(room: Room) -> list[str]:
    hub = room.hub
    return [hub.district.municipality.slug, hub.district.slug, hub.slug]


def test_week_and_month_calendar_show_bookings_and_hide_closed_purposes(client: Any) -> None:
    """The week shows public purposes and "Opptatt" for closed bookings, with occupancy;
    the month view and an HTMX request (the calendar region only) work too."""
    booking = make_booking(starts_at=local(1, 10), ends_at=local(1, 12), purpose="Språkkafé")
    make_booking(
        room=booking.room,
        starts_at=local(1, 14),
        ends_at=local(1, 15),
        purpose="Hemmelig møte",
        is_public=False,
    )
    url = reverse("bookings:calendar", args=hub_args(booking.room))
    day = local(1, 10).date().isoformat()
    page = client.get(url, {"dato": day}).content.decode()
    assert "Språkkafé" in page and "Opptatt" in page and "Hemmelig" not in page
    assert "Belegg:" in page
    month = client.get(url, {"visning": "maaned", "dato": day}).content.decode()
    assert "Språkkafé" in month and "<table" in month
    partial = client.get(url, {"dato": day}, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith("<section") and "<html" not in partial


def test_calendar_runs_a_fixed_number_of_queries(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    """Ten or thirty bookings cost the same number of queries."""
    room = open_room()
    for hour in range(8, 18):
        make_booking(room=room, starts_at=local(1, hour), ends_at=local(1, hour, 30))
    url = reverse("bookings:calendar", args=hub_args(room))
    with django_assert_max_num_queries(12):
        client.get(url, {"dato": local(1, 10).date().isoformat(), "visning": "maaned"})


def test_book_a_room_then_host_confirms_and_booker_cancels(client: Any) -> None:
    """A resident asks for a room and lands on the receipt; an e-mail carries the .ics;
    the host confirms; a second request for the slot is refused with the form kept; the
    cancel link frees the room."""
    room = open_room()
    resident = UserFactory()
    client.force_login(resident)
    url = reverse("bookings:create", args=hub_args(room))
    day = (local(2, 10)).date().isoformat()
    form = {
        "room": room.pk,
        "day": day,
        "starts": "18:00",
        "ends": "20:00",
        "purpose": "Styremøte i velforeningen",
        "attendees": "8",
        "is_public": "on",
    }
    response = client.post(url, form)
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "bookings:receipt", args=[room.hub.district.municipality.slug, booking.cancel_token]
    )
    assert booking.status == BookingStatus.REQUESTED
    host = user_with_role(Role.COORDINATOR, district=room.hub.district)
    client.force_login(host)
    requests_page = client.get(reverse("bookings:requests", args=hub_args(room)))
    assert "Styremøte i velforeningen" in requests_page.content.decode()
    client.post(
        reverse("bookings:decide", args=[*hub_args(room), booking.pk]), {"action": "confirm"}
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    client.force_login(UserFactory())
    refused = client.post(url, {**form, "purpose": "Bursdag", "starts": "19:00", "ends": "21:00"})
    text = refused.content.decode()
    assert refused.status_code == 200
    assert "Rommet er allerede booket" in text and 'value="Bursdag"' in text
    assert Booking.objects.count() == 1
    receipt = reverse(
        "bookings:receipt", args=[room.hub.district.municipality.slug, booking.cancel_token]
    )
    client.logout()
    ics = client.get(receipt + "booking.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    client.post(receipt + "avlys/")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_booking_email_has_calendar_file_and_cancel_link(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The request e-mail carries booking.ics and the receipt link."""
    room = open_room()
    client.force_login(UserFactory(email="booker@medvirk.example"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("bookings:create", args=hub_args(room)),
            {
                "room": room.pk,
                "day": local(2, 10).date().isoformat(),
                "starts": "10:00",
                "ends": "11:00",
                "purpose": "Kor",
                "is_public": "on",
            },
        )
    assert mail.outbox == []  # sent by the task worker, not in the request
    run_queued_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["booker@medvirk.example"]
    assert Booking.objects.get().cancel_token in message.body
    assert message.attachments[0][0] == "booking.ics"


def test_bad_booking_input_keeps_the_form(client: Any) -> None:
    """Ending before starting, outside opening hours, over capacity: translated messages,
    input kept, nothing stored."""
    room = open_room(capacity=10)
    client.force_login(UserFactory())
    response = client.post(
        reverse("bookings:create", args=hub_args(room)),
        {
            "room": room.pk,
            "day": local(2, 10).date().isoformat(),
            "starts": "07:00",
            "ends": "09:00",
            "purpose": "Frokost",
            "attendees": "30",
        },
    )
    text = response.content.decode()
    assert "Knutepunktet er ikke åpent" in text and "Rommet har plass til 10" in text
    assert 'value="Frokost"' in text
    response = client.post(
        reverse("bookings:create", args=hub_args(room)),
        {
            "room": room.pk,
            "day": local(2, 10).date().isoformat(),
            "starts": "12:00",
            "ends": "11:00",
            "purpose": "Frokost",
        },
    )
    assert "Bookingen må slutte etter at den begynner" in response.content.decode()
    assert not Booking.objects.exists()


def test_requests_page_is_for_hosts_only(client: Any) -> None:
    """A resident gets 403 on the host page; anonymous people are sent to log in."""
    room = open_room()
    url = reverse("bookings:requests", args=hub_args(room))
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_hub_feed_is_valid_icalendar_with_busy_for_closed_bookings(client: Any) -> None:
    """The feed has CRLF lines of at most 75 octets, and closed bookings say busy."""
    booking = make_booking(purpose="Lukket møte " * 10, is_public=False)
    make_booking(
        room=booking.room,
        starts_at=local(8, 10),
        ends_at=local(8, 11),
        purpose="Åpen dag, med kaffe; og vafler",
    )
    response = client.get(reverse("bookings:calendar-ics", args=hub_args(booking.room)))
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "Lukket" not in text and "SUMMARY:Opptatt" in text
    assert "SUMMARY:Åpen dag\\, med kaffe\\; og vafler" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_fold_and_escape() -> None:
    """Folding never splits a multi-byte character; escaping follows RFC 5545."""
    folded = fold("SUMMARY:" + "æ" * 60)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "æ" * 60
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert calendar_text([], name="x").count("\r\n") == 7


def test_api_lists_bookings_and_occupancy_and_accepts_requests(client: Any) -> None:
    """The API lists a hub's confirmed bookings (closed ones as busy), its occupancy, and
    lets a signed-in person ask for a room; overlaps are refused with 400."""
    booking = make_booking(starts_at=local(1, 10), ends_at=local(1, 12), is_public=False)
    hub = booking.room.hub
    start = local(1, 0).date()
    listed = client.get(f"/api/v1/hubs/{hub.pk}/bookings/", {"from": start.isoformat()}).json()
    assert listed[0]["title"] == "Opptatt" and listed[0]["organisation"] is None
    occupancy = client.get(
        f"/api/v1/hubs/{hub.pk}/occupancy/",
        {"from": start.isoformat(), "to": (start + timedelta(days=1)).isoformat()},
    ).json()
    assert occupancy["hours_booked"] == 2.0 and occupancy["hours_open"] == 14.0
    payload = {
        "room": booking.room.pk,
        "starts_at": local(1, 11).isoformat(),
        "ends_at": local(1, 13).isoformat(),
        "purpose": "Kor",
    }
    assert (
        client.post("/api/v1/bookings/", payload, content_type="application/json").status_code
        == 401  # not signed in: a session or a token is needed
    )
    client.force_login(UserFactory())
    assert (
        client.post("/api/v1/bookings/", payload, content_type="application/json").status_code
        == 400
    )
    payload["starts_at"] = local(1, 12).isoformat()
    created = client.post("/api/v1/bookings/", payload, content_type="application/json")
    assert created.status_code == 201 and created.json()["status"] == "requested"


def test_host_sets_opening_hours_and_bad_hours_keep_the_form(client: Any) -> None:
    """A host replaces the opening hours; closing before opening is refused with the
    input kept; a resident may not."""
    room = open_room()
    url = reverse("bookings:opening-hours", args=hub_args(room))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.COORDINATOR, district=room.hub.district))
    bad = client.post(url, {"opens_0": "10:00", "closes_0": "09:00"}).content.decode()
    assert "Mandag må stenge etter at det åpner." in bad and 'value="10:00"' in bad
    assert room.hub.opening_hours.count() == 7
    client.post(
        url, {"opens_0": "09:00", "closes_0": "15:00", "opens_2": "12:00", "closes_2": "20:00"}
    )
    hours = list(room.hub.opening_hours.values_list("weekday", "opens", "closes"))
    assert [(day, str(opens), str(closes)) for day, opens, closes in hours] == [
        (0, "09:00:00", "15:00:00"),
        (2, "12:00:00", "20:00:00"),
    ]


def test_my_bookings_lists_only_my_own(client: Any) -> None:
    """A person sees the bookings they asked for, not other people's."""
    mine = make_booking(booked_by=UserFactory(), purpose="Mitt styremøte")
    make_booking(
        room=mine.room,
        starts_at=local(9, 10),
        ends_at=local(9, 11),
        booked_by=UserFactory(),
        purpose="Andres møte",
    )
    client.force_login(mine.booked_by)
    page = client.get(
        reverse("bookings:mine", args=[mine.room.hub.district.municipality.slug])
    ).content.decode()
    assert "Mitt styremøte" in page and "Andres møte" not in page


def test_weekly_request_from_the_form_is_confirmed_in_one_go(client: Any) -> None:
    """Asking for a room every week creates one request per date; the host confirms all
    of them with one button."""
    room = open_room()
    client.force_login(UserFactory())
    first = local(1, 10).date()
    client.post(
        reverse("bookings:create", args=hub_args(room)),
        {
            "room": room.pk,
            "day": first.isoformat(),
            "starts": "18:00",
            "ends": "20:00",
            "purpose": "Korøvelse",
            "is_public": "on",
            "repeat_until": (first + timedelta(weeks=3)).isoformat(),
        },
    )
    assert Booking.objects.filter(status=BookingStatus.REQUESTED).count() == 4
    client.force_login(user_with_role(Role.COORDINATOR, district=room.hub.district))
    page = client.get(reverse("bookings:requests", args=hub_args(room))).content.decode()
    assert "Bekreft hver uke til og med" in page
    first_booking = Booking.objects.order_by("starts_at").first()
    assert first_booking is not None
    client.post(
        reverse("bookings:decide", args=[*hub_args(room), first_booking.pk]),
        {"action": "confirm_series"},
    )
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 4
