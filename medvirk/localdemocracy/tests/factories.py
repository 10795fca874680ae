"""Factories for local democracy: a term covering today, a committee, members, meetings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, cast

import factory
from django.utils import timezone

from medvirk.accounts.models import User
from medvirk.accounts.tests.factories import UserFactory
from medvirk.localdemocracy.models import (
    CommitteeTerm,
    LocalCommittee,
    Meeting,
    MeetingKind,
    Membership,
    SeatKind,
    StandingCommittee,
)
from medvirk.places.models import District, Hub, Room
from medvirk.places.tests.factories import (
    DistrictFactory,
    HubFactory,
    MunicipalityFactory,
    RoomFactory,
)


class _StandingCommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandingCommittee

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Hovedutvalg {n}")


class _CommitteeTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeTerm

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Periode {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3 * 365))


class _LocalCommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalCommittee

    district = factory.SubFactory(DistrictFactory)
    term = factory.SubFactory(
        _CommitteeTermFactory, municipality=factory.SelfAttribute("..district.municipality")
    )
    name = factory.LazyAttribute(lambda o: f"Nærutvalg {o.district.name}")


class _MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    committee = factory.SubFactory(_LocalCommitteeFactory)
    person_name = factory.Sequence(lambda n: f"Medlem {n}")
    seat_kind = SeatKind.RESIDENT
    starts_on = factory.LazyAttribute(lambda o: o.committee.term.starts_on)


def in_days(days: int, hour: int = 18) -> datetime:
    """A local time ``days`` from today at ``hour`` o'clock."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


class _MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(_LocalCommitteeFactory)
    kind = MeetingKind.COMMITTEE
    title = factory.Sequence(lambda n: f"Møte {n}")
    starts_at = factory.LazyFunction(lambda: in_days(7, 18))
    ends_at = factory.LazyFunction(lambda: in_days(7, 20))
    address = "Storgata 1"
    capacity = 2


def full_committee(committee: LocalCommittee, standing: list[StandingCommittee]) -> None:
    """Fill a committee the Drammen way: 4 elected, 5 from associations, 3 residents."""
    start: date = committee.term.starts_on
    for body in standing:
        MembershipFactory(
            committee=committee,
            seat_kind=SeatKind.ELECTED,
            standing_committee=body,
            starts_on=start,
        )
    for index in range(5):
        MembershipFactory(
            committee=committee,
            seat_kind=SeatKind.ASSOCIATION,
            organisation=f"Lag {index}",
            starts_on=start,
        )
    for _index in range(3):
        MembershipFactory(committee=committee, starts_on=start)


def room_in(district: Any) -> Room:
    """A bookable room in a hub of the district, open every day 08–22."""
    from medvirk.bookings.tests.factories import open_every_day

    hub = open_every_day(cast(Hub, HubFactory(district=district)))
    return cast(Room, RoomFactory(hub=hub, capacity=30))


# Typed entry points for the tests (factory_boy's classes are not typed as models).


def StandingCommitteeFactory(**kwargs: Any) -> StandingCommittee:
    return cast(StandingCommittee, _StandingCommitteeFactory(**kwargs))


def CommitteeTermFactory(**kwargs: Any) -> CommitteeTerm:
    return cast(CommitteeTerm, _CommitteeTermFactory(**kwargs))


def LocalCommitteeFactory(**kwargs: Any) -> LocalCommittee:
    return cast(LocalCommittee, _LocalCommitteeFactory(**kwargs))


def MembershipFactory(**kwargs: Any) -> Membership:
    return cast(Membership, _MembershipFactory(**kwargs))


def MeetingFactory(**kwargs: Any) -> Meeting:
    return cast(Meeting, _MeetingFactory(**kwargs))


def person() -> User:
    return cast(User, UserFactory())


def district_of(**kwargs: Any) -> District:
    return cast(District, DistrictFactory(**kwargs))
