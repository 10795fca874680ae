"""Two people take the last place on an offer at the same moment, each on its own
database connection: the offer is never overfilled (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.bookings.tests.test_race import allowed_outcomes, kinds, race
from medvirk.places.tests.factories import DistrictFactory
from medvirk.volunteering.models import OfferSignup
from medvirk.volunteering.services import offer_create, offer_sign_up
from medvirk.volunteering.tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_racing_for_the_last_place_leave_one_signup() -> None:
    """Capacity one, two racing sign-ups: exactly one place is taken."""
    district = DistrictFactory()
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
        place="Grendehuset",
        attendance="sign_up",
        capacity=1,
    )
    one, two = make_user(), make_user()
    outcomes = race(
        lambda: offer_sign_up(offer=offer, user=one),
        lambda: offer_sign_up(offer=offer, user=two),
    )
    assert kinds(outcomes) in allowed_outcomes()
    assert OfferSignup.objects.filter(offer=offer).count() == 1
