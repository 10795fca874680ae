"""The platform's own engagement measures: a registry where each measure either has a
computation over the platform's data or says it has no data yet."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from medvirk.indicators.engagement import budget_used_share, measures, room_occupancy
from medvirk.indicators.models import Indicator, Observation, SourceKind
from medvirk.indicators.services import engagement_compute


def test_registry_lists_every_measure_and_which_have_data() -> None:
    """Seven measures, each computed from an installed app's data."""
    registry = {m.code: m for m in measures()}
    assert set(registry) == {
        "platform.inputs_per_1000",
        "platform.share_answered",
        "platform.median_days_to_answer",
        "platform.meetings_held_share",
        "platform.budget_used_share",
        "platform.volunteers_per_group",
        "platform.room_occupancy",
    }
    assert all(measure.has_data for measure in registry.values())


def test_budget_used_share_per_district_and_municipality(norway: Any) -> None:
    """Spent against allocated, per district and over all districts."""
    from decimal import Decimal

    from medvirk.accounts.tests.factories import UserFactory
    from medvirk.budgets.services import budget_open, expense_record
    from medvirk.places.tests.factories import DistrictFactory

    municipality = norway["3301"]
    coordinator = UserFactory()
    first, second = (
        DistrictFactory(municipality=municipality),
        DistrictFactory(municipality=municipality),
    )
    budget = budget_open(district=first, year=2026, by=coordinator)
    budget_open(district=second, year=2026, by=coordinator)
    expense_record(
        budget=budget,
        date=date(2026, 3, 1),
        amount=Decimal("12500"),
        purpose="Dialogmøte",
        by=coordinator,
    )
    values = dict(budget_used_share(municipality, "2026"))
    assert values[first] == 25.0 and values[second] == 0.0
    assert values[municipality] == 12.5


def test_room_occupancy_counts_confirmed_hours_against_open_hours(norway: Any) -> None:
    """One confirmed two-hour booking in a room open ten hours one day a week."""
    from datetime import datetime, time

    from django.utils import timezone

    from medvirk.bookings.services import booking_request
    from medvirk.places.models import OpeningHours
    from medvirk.places.tests.factories import DistrictFactory, HubFactory, RoomFactory

    municipality = norway["3301"]
    hub = HubFactory(district=DistrictFactory(municipality=municipality))
    OpeningHours.objects.create(hub=hub, weekday=0, opens=time(10), closes=time(20))
    room = RoomFactory(hub=hub)
    monday = date(2026, 3, 2)
    booking_request(
        room=room,
        starts_at=timezone.make_aware(datetime.combine(monday, time(18))),
        ends_at=timezone.make_aware(datetime.combine(monday, time(20))),
        booked_by=None,
        purpose="Strikkekafé",
        confirm=True,
    )
    values = dict(room_occupancy(municipality, "2026"))
    mondays_in_2026 = 52
    expected = 100 * 2 / (10 * mondays_in_2026)
    assert values[hub.district] == pytest.approx(expected)
    assert values[municipality] == pytest.approx(expected)


def test_compute_creates_platform_indicators_without_inventing_values(norway: Any) -> None:
    """With no inputs in the year, the indicators exist (source: platform) and no
    observation is made up."""
    result = engagement_compute(municipality=norway["3301"], period="2026")
    assert result.created == 0
    assert Indicator.objects.filter(source=SourceKind.PLATFORM).count() == 7
    assert not Observation.objects.filter(indicator__source=SourceKind.PLATFORM).exists()


def test_district_page_shows_its_engagement(norway: Any, client: Any) -> None:
    """A district's computed engagement measures appear on the district's page."""
    from medvirk.indicators.models import Region, RegionKind
    from medvirk.places.tests.factories import DistrictFactory

    municipality = norway["3301"]
    district = DistrictFactory(municipality=municipality, slug="fjell", name="Fjell")
    engagement_compute(municipality=municipality, period="2026")  # creates the indicators
    indicator = Indicator.objects.get(code="platform.share_answered")
    region = Region.objects.create(
        kind=RegionKind.DISTRICT, code="3301:fjell", name="Fjell (Drammen)", district=district
    )
    Observation.objects.create(
        indicator=indicator,
        region=region,
        period="2026",
        value=75.0,
        source="medvirk",
        retrieved_at="2026-11-23T10:00Z",
    )
    page = client.get("/drammen/fjell/").content.decode()
    assert "Andel innspill besvart" in page
    assert "75" in page
