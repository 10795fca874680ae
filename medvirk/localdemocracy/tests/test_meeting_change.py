"""Changing a planned meeting: a move rebooks the room or releases it, a clash changes
nothing, the registered are told, more places move people up from the waiting list."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from medvirk.bookings.models import Booking, BookingStatus
from medvirk.localdemocracy import services
from medvirk.localdemocracy.models import Meeting, MeetingKind, RegistrationStatus
from medvirk.localdemocracy.tests.factories import LocalCommitteeFactory, in_days, person, room_in
from medvirk.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture(autouse=True)
def _english() -> Any:
    """The assertions read the services' messages in English."""
    with translation.override("en"):
        yield


def _planned(committee: Any, room: Any, day: int = 5, **fields: Any) -> Meeting:
    return services.meeting_schedule(
        committee=committee,
        kind=MeetingKind.COMMITTEE,
        title=fields.pop("title", "Nærutvalgsmøte"),
        starts_at=in_days(day),
        ends_at=in_days(day, 20),
        room=room,
        by=person(),
        **fields,
    )


def _change(meeting: Meeting, **fields: Any) -> Meeting:
    details = {
        "kind": meeting.kind,
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "room": meeting.room,
        "address": meeting.address,
        "online_url": meeting.online_url,
        "is_public": meeting.is_public,
        "capacity": meeting.capacity,
        "description": meeting.description,
    }
    details.update(fields)
    return services.meeting_change(meeting=meeting, by=person(), base_url=BASE, **details)


def test_moving_a_meeting_rebooks_the_room_and_tells_the_registered(
    django_capture_on_commit_callbacks: Any,
) -> None:
    committee = LocalCommitteeFactory()
    room = room_in(committee.district)
    meeting = _planned(committee, room)
    services.registration_create(meeting=meeting, name="En", email="en@x.no", base_url=BASE)
    old_booking = meeting.booking
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changed = _change(meeting, starts_at=in_days(6), ends_at=in_days(6, 20))
    old_booking.refresh_from_db()
    assert old_booking.status == BookingStatus.CANCELLED
    assert changed.booking is not None and changed.booking.pk != old_booking.pk
    assert changed.booking.status == BookingStatus.CONFIRMED
    assert changed.booking.starts_at == in_days(6)
    run_queued_tasks()
    assert [m.to for m in mail.outbox] == [["en@x.no"]]
    assert "Nærutvalgsmøte" in mail.outbox[0].subject
    # The old slot is free again.
    _planned(committee, room, title="Verksted")


def test_a_clash_changes_nothing() -> None:
    committee = LocalCommitteeFactory()
    room = room_in(committee.district)
    meeting = _planned(committee, room)
    _planned(committee, room, day=6, title="Annet møte")
    with pytest.raises(ValidationError) as error:
        _change(meeting, starts_at=in_days(6), ends_at=in_days(6, 20))
    assert error.value.message_dict["room"]
    meeting.refresh_from_db()
    assert meeting.starts_at == in_days(5)
    assert meeting.booking is not None and meeting.booking.status == BookingStatus.CONFIRMED
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 2


def test_moving_online_releases_the_room_and_a_title_change_tells_nobody(
    django_capture_on_commit_callbacks: Any,
) -> None:
    committee = LocalCommitteeFactory()
    room = room_in(committee.district)
    meeting = _planned(committee, room)
    services.registration_create(meeting=meeting, name="En", email="en@x.no", base_url=BASE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _change(meeting, title="Nytt navn")
    run_queued_tasks()
    assert mail.outbox == []
    assert meeting.booking is not None and meeting.booking.status == BookingStatus.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _change(meeting, room=None, online_url="https://meet.example/nu")
    assert meeting.booking is None and meeting.room is None
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    run_queued_tasks()
    assert len(mail.outbox) == 1


def test_places_cannot_drop_below_the_registered_and_more_places_move_people_up(
    django_capture_on_commit_callbacks: Any,
) -> None:
    committee = LocalCommitteeFactory()
    meeting = _planned(committee, room_in(committee.district), capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(meeting=meeting, name="En", email="en@x.no", base_url=BASE)
        services.registration_create(meeting=meeting, name="To", email="to@x.no", base_url=BASE)
        services.registration_create(meeting=meeting, name="Tre", email="tre@x.no", base_url=BASE)
    statuses = dict(meeting.registrations.values_list("email", "status"))
    assert statuses["to@x.no"] == RegistrationStatus.WAITING
    run_queued_tasks()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _change(meeting, capacity=2)
    statuses = dict(meeting.registrations.values_list("email", "status"))
    assert statuses["to@x.no"] == RegistrationStatus.CONFIRMED
    assert statuses["tre@x.no"] == RegistrationStatus.WAITING
    run_queued_tasks()
    assert [m.to for m in mail.outbox] == [["to@x.no"]]
    with pytest.raises(ValidationError) as error:
        _change(meeting, capacity=1)
    assert error.value.message_dict["capacity"]


def test_a_cancelled_meeting_cannot_be_changed() -> None:
    committee = LocalCommitteeFactory()
    meeting = _planned(committee, room_in(committee.district))
    services.meeting_cancel(meeting=meeting, by=None)
    with pytest.raises(ValidationError, match="cancelled"):
        _change(meeting, title="Igjen")


def test_the_change_page_is_for_those_who_manage_the_committee(client: Any) -> None:
    from medvirk.accounts.models import Role
    from medvirk.accounts.tests.factories import UserFactory, user_with_role

    committee = LocalCommitteeFactory()
    meeting = _planned(committee, room_in(committee.district))
    district = committee.district
    url = reverse(
        "localdemocracy:meeting_edit", args=[district.municipality.slug, district.slug, meeting.pk]
    )
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.COORDINATOR, district=district))
    page = client.get(url)
    assert page.status_code == 200 and 'value="Nærutvalgsmøte"' in page.content.decode()
    local = timezone.localtime(in_days(7))
    response = client.post(
        url,
        {
            "kind": MeetingKind.COMMITTEE,
            "title": "Flyttet møte",
            "day": local.date().isoformat(),
            "starts": "18:00",
            "ends": "17:00",
            "room": meeting.room_id,
        },
    )
    assert response.status_code == 400  # ends before it starts: nothing changed
    meeting.refresh_from_db()
    assert meeting.title == "Nærutvalgsmøte"
    response = client.post(
        url,
        {
            "kind": MeetingKind.COMMITTEE,
            "title": "Flyttet møte",
            "day": local.date().isoformat(),
            "starts": "18:00",
            "ends": "20:00",
            "room": meeting.room_id,
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Flyttet møte"
    assert timezone.localtime(meeting.starts_at).date() == local.date()
