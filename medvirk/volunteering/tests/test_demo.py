"""The demo gives every district of Drammen associations, volunteers, three working
groups, three weekly offers with their rooms booked, and a month of bookings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from medvirk.accounts.demo import load_demo as load_accounts
from medvirk.bookings.models import Booking, BookingStatus
from medvirk.places.demo import load_demo as load_places
from medvirk.volunteering.demo import load_demo, organisation_number
from medvirk.volunteering.models import Offer, Organisation, Volunteer, WorkingGroup
from medvirk.volunteering.validators import organisation_number_is_valid

pytestmark = pytest.mark.django_db


def test_demo_fills_every_district_and_runs_twice_without_change() -> None:
    """Every district gets 2 associations, 6 volunteers, 3 groups and 3 offers; every hub
    has confirmed bookings over the coming month; a second run adds nothing."""
    quiet = lambda _text: None  # noqa: E731
    municipality = load_places(log=quiet)
    load_accounts(log=quiet)
    load_demo(log=quiet)
    districts = list(municipality.districts.all())
    assert len(districts) == 10
    for district in districts:
        assert Organisation.objects.filter(district=district).count() == 2
        assert Volunteer.objects.filter(user__email__contains=f".{district.slug}.").count() == 6
        assert WorkingGroup.objects.filter(district=district).count() == 3
        assert Offer.objects.filter(district=district).count() == 3
        hub = district.hubs.get()
        monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
        month = Booking.objects.filter(
            room__hub=hub,
            status=BookingStatus.CONFIRMED,
            starts_at__date__gte=monday,
            starts_at__date__lt=monday + timedelta(days=28),
        )
        assert month.count() >= 15
    assert {g.name.split(" ")[0] for g in WorkingGroup.objects.all()} >= {"Trygg", "Mat", "Ungdom"}
    counts = (Booking.objects.count(), Volunteer.objects.count(), Offer.objects.count())
    load_demo(log=quiet)
    assert (Booking.objects.count(), Volunteer.objects.count(), Offer.objects.count()) == counts


def test_demo_organisation_numbers_pass_the_checksum() -> None:
    """The generated numbers are valid, and distinct."""
    numbers = {organisation_number(seed) for seed in range(100)}
    assert len(numbers) == 100
    assert all(organisation_number_is_valid(number) for number in numbers)
