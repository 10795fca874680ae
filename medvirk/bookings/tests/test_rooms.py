"""Hub hosts keep the hub's rooms: add one, change one, with clear messages for bad
input; nobody else may, and the page passes axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from medvirk.places.models import Room
from medvirk.places.services import room_save
from medvirk.places.tests.factories import HubFactory, RoomFactory


def _url(hub: Any, room: Room | None = None) -> str:
    args = [hub.district.municipality.slug, hub.district.slug, hub.slug]
    if room is None:
        return reverse("bookings:rooms", args=args)
    return reverse("bookings:room-edit", args=[*args, room.pk])


@pytest.mark.django_db
def test_room_save_validates_and_keeps_names_unique_per_hub() -> None:
    """Empty name, zero capacity, an unknown facility and a taken name are refused
    together; a good room is saved; another hub may reuse the name."""
    hub = HubFactory()
    RoomFactory(hub=hub, name="Storsalen")
    with pytest.raises(ValidationError) as error:
        room_save(hub=hub, name="storsalen", capacity=0, facilities=["sauna"])
    assert set(error.value.message_dict) == {"name", "capacity", "facilities"}
    room = room_save(hub=hub, name="Verkstedet", capacity=8, facilities=["kitchen"])
    assert (room.capacity, room.facilities, room.is_bookable) == (8, ["kitchen"], True)
    assert room_save(hub=HubFactory(), name="Storsalen", capacity=40).pk != room.pk
    with pytest.raises(ValidationError):
        room_save(hub=HubFactory(), room=room, name="Flyttet", capacity=8)


@pytest.mark.django_db
def test_host_adds_and_changes_a_room(client: Any) -> None:
    """The district's coordinator adds a room and then changes its capacity."""
    hub = HubFactory()
    client.force_login(user_with_role(Role.COORDINATOR, district=hub.district))
    response = client.post(
        _url(hub),
        {"name": "Møterom 2", "capacity": "10", "facilities": ["projector"], "is_bookable": "on"},
    )
    assert response.status_code == 302
    room = Room.objects.get(hub=hub, name="Møterom 2")
    client.post(_url(hub, room), {"name": "Møterom 2", "capacity": "14"})
    room.refresh_from_db()
    assert room.capacity == 14 and room.facilities == [] and not room.is_bookable


@pytest.mark.django_db
def test_bad_room_input_keeps_the_form(client: Any) -> None:
    """A taken name is explained on the form and what was typed stays."""
    hub = HubFactory()
    RoomFactory(hub=hub, name="Storsalen")
    client.force_login(user_with_role(Role.COORDINATOR, district=hub.district))
    response = client.post(
        _url(hub), {"name": "Storsalen", "capacity": "30"}, HTTP_ACCEPT_LANGUAGE="nb"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Knutepunktet har allerede et rom som heter Storsalen." in content
    assert 'value="30"' in content
    assert Room.objects.filter(hub=hub).count() == 1


@pytest.mark.django_db
def test_only_hosts_of_this_hub_may(client: Any) -> None:
    """A resident and another district's coordinator are refused; a room of another hub
    is not reachable through this hub."""
    hub = HubFactory()
    other = HubFactory(district__municipality=hub.district.municipality)
    client.force_login(UserFactory())
    assert client.get(_url(hub)).status_code == 403
    client.force_login(user_with_role(Role.COORDINATOR, district=other.district))
    assert client.post(_url(hub), {"name": "X", "capacity": "2"}).status_code == 403
    client.force_login(user_with_role(Role.COORDINATOR, district=hub.district))
    assert client.get(_url(hub, RoomFactory(hub=other))).status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_host_adds_a_room_in_the_browser(
    live_server: Any, page: Any, assert_accessible: Any
) -> None:
    """A coordinator logs in, adds a room with facilities, and sees it in the list."""
    hub = HubFactory()
    coordinator = user_with_role(Role.COORDINATOR, district=hub.district)
    page.goto(live_server.url + "/konto/logg-inn/?next=" + _url(hub))
    page.get_by_label("E-postadresse").fill(coordinator.email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(re.compile(r"/booking/rom/$"))
    assert_accessible(page)
    page.get_by_label("Navn på rommet").fill("Verkstedet")
    page.get_by_label("Kapasitet (personer)").fill("0")
    page.get_by_role("button", name="Lagre rommet").click()
    page.get_by_text("Sjekk skjemaet").wait_for()
    assert_accessible(page)
    page.get_by_label("Kapasitet (personer)").fill("12")
    page.get_by_label("Kjøkken").check()
    page.get_by_role("button", name="Lagre rommet").click()
    page.get_by_role("cell", name="Verkstedet", exact=True).wait_for()
    assert Room.objects.get(hub=hub, name="Verkstedet").facilities == ["kitchen"]


@pytest.mark.django_db
def test_room_list_for_host_is_scoped_by_the_access_functions() -> None:
    """The rooms a person chooses from when they plan something are those of the hubs
    they host: a coordinator and a hub host their district's, a case officer the whole
    municipality's, a resident none; rooms that cannot be booked are left out."""
    from medvirk.bookings.selectors import room_list_for_host
    from medvirk.places.tests.factories import DistrictFactory

    hub = HubFactory()
    district = hub.district
    municipality = district.municipality
    mine = RoomFactory(hub=hub, name="Salen")
    RoomFactory(hub=hub, name="Lager", is_bookable=False)
    other = RoomFactory(hub=HubFactory(district=DistrictFactory(municipality=municipality)))
    RoomFactory()  # another municipality
    expected = {
        Role.COORDINATOR: {"district": district},
        Role.HUB_HOST: {"municipality": municipality, "district": district},
        Role.CASE_OFFICER: {"municipality": municipality},
    }
    seen = {
        role: set(room_list_for_host(user=user_with_role(role, **scope), municipality=municipality))
        for role, scope in expected.items()
    }
    assert seen == {
        Role.COORDINATOR: {mine},
        Role.HUB_HOST: {mine},
        Role.CASE_OFFICER: {mine, other},
    }
    assert not room_list_for_host(user=UserFactory(), municipality=municipality).exists()
