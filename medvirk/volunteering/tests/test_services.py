"""Services of volunteering: associations and their organisation numbers, volunteer
sign-up with consent, export and delete, working groups, offers and sign-ups."""

from __future__ import annotations

import json
from datetime import time, timedelta
from typing import cast

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.bookings.models import BookingStatus
from medvirk.bookings.tests.factories import open_room
from medvirk.places.models import District
from medvirk.places.tests.factories import DistrictFactory
from medvirk.volunteering.access import user_can_see_volunteer_contact
from medvirk.volunteering.models import Membership, Offer, OfferSignup, Organisation, Volunteer
from medvirk.volunteering.selectors import working_group_suggestions
from medvirk.volunteering.services import (
    offer_create,
    offer_sign_up,
    organisation_register,
    volunteer_delete,
    volunteer_export,
    volunteer_sign_up,
    working_group_add_member,
    working_group_create,
)
from medvirk.volunteering.tests.factories import make_group, make_user, make_volunteer
from medvirk.volunteering.validators import organisation_number_is_valid

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("974760673", True),
        ("923609016", True),
        ("974760674", False),
        ("12345678", False),
        ("97476067a", False),
        ("000000000", True),
        ("123456785", True),
        ("123456789", False),
    ],
)
def test_organisation_number_mod11(number: str, valid: bool) -> None:
    """Nine digits whose last is the MOD11 check digit with weights 3,2,7,6,5,4,3,2."""
    assert organisation_number_is_valid(number) is valid


def test_register_association_validates_number_and_stores_nothing_on_error() -> None:
    """A failing checksum is refused with a translated message and nothing stored; a
    valid number with spaces is stored without them, once per municipality."""
    district = cast(District, DistrictFactory())
    person = make_user()
    with pytest.raises(ValidationError) as caught:
        organisation_register(
            municipality=district.municipality,
            by=person,
            name="Velforening",
            purpose="Nærmiljø",
            organisation_number="974 760 674",
        )
    assert "organisation_number" in caught.value.error_dict
    assert not Organisation.objects.exists()
    organisation = organisation_register(
        municipality=district.municipality,
        by=person,
        name="Velforening",
        purpose="Nærmiljø",
        organisation_number="974 760 673",
        district=district,
    )
    assert organisation.organisation_number == "974760673"
    assert list(organisation.managers.all()) == [person]
    with pytest.raises(ValidationError):
        organisation_register(
            municipality=district.municipality,
            by=person,
            name="Kopi",
            purpose="x",
            organisation_number="974760673",
        )


def test_volunteer_sign_up_needs_consent_and_can_be_exported_and_deleted() -> None:
    """Without consent nothing is stored; with it the answers are, and the volunteer can
    export everything as JSON and delete it."""
    district = cast(District, DistrictFactory())
    person = make_user(email="ildsjel@medvirk.example")
    with pytest.raises(ValidationError) as caught:
        volunteer_sign_up(
            user=person, municipality=district.municipality, consent=False, display_name="Ida"
        )
    assert "consent" in caught.value.error_dict
    assert not Volunteer.objects.exists()
    volunteer = volunteer_sign_up(
        user=person,
        municipality=district.municipality,
        consent=True,
        display_name="Ida",
        district=district,
        interests=["youth"],
        available_days=[2, 2, 1],
        available_times=["evening"],
    )
    assert volunteer.available_days == [1, 2]
    again = volunteer_sign_up(
        user=person, municipality=district.municipality, consent=True, display_name="Ida B"
    )
    assert again.pk == volunteer.pk and Volunteer.objects.count() == 1
    with pytest.raises(ValidationError):
        volunteer_sign_up(
            user=person,
            municipality=district.municipality,
            consent=True,
            display_name="Ida",
            interests=["astrology"],
        )
    group = make_group(district)
    coordinator = user_with_role(Role.COORDINATOR, district=district)
    working_group_add_member(group=group, volunteer=again, by=coordinator)
    exported = volunteer_export(volunteer=again)
    assert exported["email"] == "ildsjel@medvirk.example"
    assert exported["working_groups"][0]["name"] == group.name
    json.dumps(exported)
    volunteer_delete(volunteer=again)
    assert not Volunteer.objects.exists() and not Membership.objects.exists()


def test_contact_details_only_for_coordinators_of_groups_joined() -> None:
    """The coordinator of a group the volunteer joined sees their contact details; the
    coordinator of another district, and other residents, do not."""
    district = cast(District, DistrictFactory())
    volunteer = make_volunteer(district)
    coordinator = user_with_role(Role.COORDINATOR, district=district)
    assert not user_can_see_volunteer_contact(coordinator, volunteer=volunteer)
    group = make_group(district)
    working_group_add_member(group=group, volunteer=volunteer, by=coordinator)
    assert user_can_see_volunteer_contact(coordinator, volunteer=volunteer)
    other = user_with_role(
        Role.COORDINATOR, district=DistrictFactory(municipality=district.municipality)
    )
    assert not user_can_see_volunteer_contact(other, volunteer=volunteer)
    assert not user_can_see_volunteer_contact(make_user(), volunteer=volunteer)
    assert user_can_see_volunteer_contact(volunteer.user, volunteer=volunteer)


def test_working_groups_are_created_by_coordinators_and_suggest_fitting_volunteers() -> None:
    """A resident cannot create a group; a coordinator can, and gets the fitting
    volunteers suggested, best first, members and misfits left out; adding twice is
    harmless."""
    district = cast(District, DistrictFactory())
    with pytest.raises(PermissionDenied):
        working_group_create(
            municipality=district.municipality,
            by=make_user(),
            name="Mat",
            theme="food_and_community",
            description="x",
            volunteers_needed=3,
            district=district,
        )
    coordinator = user_with_role(Role.COORDINATOR, district=district)
    group = working_group_create(
        municipality=district.municipality,
        by=coordinator,
        name="Mat og fellesskap",
        theme="food_and_community",
        description="Vi lager mat.",
        volunteers_needed=3,
        district=district,
        wanted_skills=["cooking"],
        meeting_days=[3],
        meeting_times=["evening"],
    )
    best = make_volunteer(district, display_name="Best")
    fair = make_volunteer(district, display_name="Grei", skills=[], available_days=[])
    make_volunteer(district, display_name="Ungdom", interests=["youth"], skills=[])
    make_volunteer(district, display_name="Morgen", available_days=[0], available_times=["morning"])
    names = [s.volunteer.display_name for s in working_group_suggestions(group=group)]
    assert names == ["Best", "Grei"]
    working_group_add_member(group=group, volunteer=best, by=coordinator)
    working_group_add_member(group=group, volunteer=best, by=coordinator)
    assert group.memberships.count() == 1
    assert [s.volunteer for s in working_group_suggestions(group=group)] == [fair]


def test_offer_books_its_room_and_sign_up_respects_capacity() -> None:
    """An offer in a hub room books the room every week (confirmed for a hub host); a
    sign-up offer takes no more people than it has places."""
    room = open_room()
    district = room.hub.district
    coordinator = user_with_role(Role.COORDINATOR, district=district)
    first = timezone.localdate() + timedelta(days=1)
    offer = offer_create(
        municipality=district.municipality,
        by=coordinator,
        district=district,
        title="Middag for menn",
        description="Vi lager mat.",
        theme="food_and_community",
        weekday=first.weekday(),
        starts=time(17),
        ends=time(19),
        first_date=first,
        last_date=first + timedelta(weeks=3),
        room=room,
        attendance="sign_up",
        capacity=1,
    )
    assert offer.booking_series is not None
    statuses = set(offer.booking_series.bookings.values_list("status", flat=True))
    assert statuses == {BookingStatus.CONFIRMED}
    assert offer.booking_series.bookings.count() == 4
    offer_sign_up(offer=offer, user=coordinator)
    offer_sign_up(offer=offer, user=coordinator)
    with pytest.raises(ValidationError):
        offer_sign_up(offer=offer, user=make_user())
    assert OfferSignup.objects.count() == 1


def test_offer_with_bad_times_or_taken_room_stores_nothing() -> None:
    """An offer ending before it starts, or whose room is taken, leaves no offer and no
    booking behind."""
    room = open_room()
    district = room.hub.district
    coordinator = user_with_role(Role.COORDINATOR, district=district)
    first = timezone.localdate() + timedelta(days=1)
    common = {
        "municipality": district.municipality,
        "by": coordinator,
        "district": district,
        "description": "x",
        "theme": "youth",
        "weekday": first.weekday(),
        "first_date": first,
        "room": room,
    }
    with pytest.raises(ValidationError) as caught:
        offer_create(title="A", starts=time(19), ends=time(17), **common)
    assert "ends" in caught.value.error_dict
    offer_create(title="B", starts=time(17), ends=time(19), **common)
    with pytest.raises(ValidationError):
        offer_create(title="C", starts=time(18), ends=time(20), **common)
    assert list(Offer.objects.values_list("title", flat=True)) == ["B"]
