"""Fixtures for the API tests: a municipality with something at every endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any, cast

import pytest
from django.core.cache import cache
from django.utils import timezone

from medvirk.accounts.models import Role, User
from medvirk.accounts.tests.factories import UserFactory, user_with_role


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Rate limits and lockouts may live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def resident(db: Any) -> User:
    return cast(User, UserFactory(email="kari@medvirk.example"))


@pytest.fixture
def api_world(db: Any) -> dict[str, Any]:
    """Drammen with a district, a hub (opening hours, a room, a booking), a committee
    with members, a meeting with an agenda, an activity with inputs, a budget with an
    expense, an offer, an association, a working group, indicators with observations, a
    fiscal rule and an experience entry. Returns the path parameters that reach them."""
    from medvirk.bookings.tests.factories import make_booking, open_every_day
    from medvirk.budgets.models import Expense, ParticipationBudget
    from medvirk.followup.services import report_save
    from medvirk.indicators.models import (
        ExperienceEntry,
        FiscalRule,
        Indicator,
        Observation,
        Region,
        RegionKind,
    )
    from medvirk.localdemocracy.models import AgendaItem, Coordinator
    from medvirk.localdemocracy.tests.factories import (
        LocalCommitteeFactory,
        MeetingFactory,
        MembershipFactory,
        StandingCommitteeFactory,
    )
    from medvirk.participation.tests.factories import make_activity, make_input
    from medvirk.places.tests.factories import (
        DistrictFactory,
        HubFactory,
        MunicipalityFactory,
        PostcodeFactory,
        RoomFactory,
    )
    from medvirk.volunteering.models import Organisation
    from medvirk.volunteering.tests.factories import make_group

    municipality = MunicipalityFactory(number="3301", name="Drammen", slug="drammen")
    district = DistrictFactory(municipality=municipality, slug="bragernes", name="Bragernes")
    PostcodeFactory(district=district, code="3015")
    hub = open_every_day(HubFactory(district=district))
    room = RoomFactory(hub=hub)
    make_booking(room=room)
    make_booking(room=room, is_public=False, starts_at=timezone.now() + timedelta(days=1))
    committee = LocalCommitteeFactory(district=district)
    MembershipFactory(committee=committee, is_public=True)
    MembershipFactory(
        committee=committee, is_public=True, standing_committee=StandingCommitteeFactory()
    )
    Coordinator.objects.create(district=district, name="Kari Koordinator", hub=hub)
    meeting = MeetingFactory(committee=committee, is_public=True)
    AgendaItem.objects.create(meeting=meeting, number=1, title="Velkommen")
    activity = make_activity(district=district, slug="torget")
    make_input(activity)
    make_input(activity, title="Benker", text="Flere benker ved elva.")
    report_save(
        actor=user_with_role(Role.CASE_OFFICER, municipality=municipality),
        activity=activity,
        what_we_heard="Folk vil ha benker.",
        what_we_did="Vi setter ut benker.",
        publish=True,
    )
    budget = ParticipationBudget.objects.create(
        district=district, year=timezone.localdate().year, allocation=Decimal("50000")
    )
    Expense.objects.create(
        budget=budget,
        date=timezone.localdate(),
        amount=Decimal("1200"),
        purpose="Kaffe",
        approved_by=UserFactory(),
    )
    organisation = Organisation.objects.create(
        municipality=municipality,
        district=district,
        name="Bragernes idrettslag",
        slug="bragernes-il",
        purpose="Idrett for alle.",
    )
    make_group(district)
    from medvirk.volunteering.services import offer_create

    first = timezone.localdate() + timedelta(days=1)
    offer = offer_create(
        municipality=municipality,
        by=user_with_role(Role.COORDINATOR, district=district),
        district=district,
        title="Middag for alle",
        description="Velkommen!",
        theme="food_and_community",
        weekday=first.weekday(),
        starts=time(17),
        ends=time(19),
        first_date=first,
        place="Grendehuset",
    )
    # Named places shown in the answer (set directly: the room booking is not the point).
    type(offer).objects.filter(pk=offer.pk).update(organisation=organisation, hub=hub, room=room)
    indicator = Indicator.objects.create(code="SELF", name_nb="Egenfinansiering", unit="%")
    region = Region.objects.create(kind=RegionKind.MUNICIPALITY, code="3301", name="Drammen")
    Observation.objects.create(
        indicator=indicator,
        region=region,
        period="2024",
        value=17.0,
        source="SSB",
        retrieved_at=timezone.now(),
    )
    FiscalRule.objects.create(
        municipality=municipality,
        name="Egenfinansiering minst 15 %",
        indicator=indicator,
        comparison="at_least",
        threshold=15,
        first_year=2024,
    )
    entry = ExperienceEntry.objects.create(
        municipality=municipality,
        title="Gatemøter",
        slug="gatemoter",
        theme="medvirkning",
        challenge="Få kom.",
        what_was_done="Vi gikk ut.",
        results="Flere kom.",
        goals=[16],
        contact_name="Kari",
        is_published=True,
    )
    entry.indicators.add(indicator)
    return {
        "number": municipality.number,
        "slug": activity.slug,
        "hub_id": hub.pk,
        "code": indicator.code,
        "today": date.today(),
    }
