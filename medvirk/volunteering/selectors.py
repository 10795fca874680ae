"""Reads about associations, volunteers, working groups and offers, the suggestions of
volunteers for a group, and the simple measures per district."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from medvirk.algorithms.matching import Need, Suggestion, VolunteerProfile, rank
from medvirk.algorithms.matching.model import slots
from medvirk.bookings.selectors import Occupancy, occupancy_for_hubs
from medvirk.places.models import District, Hub, Municipality
from medvirk.volunteering.models import (
    Offer,
    OfferSignup,
    Organisation,
    Volunteer,
    WorkingGroup,
)


def organisation_list_managed_by(
    *, user: Any, municipality: Municipality
) -> QuerySet[Organisation]:
    """The associations of the municipality the person manages."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(municipality=municipality, managers=user).order_by("name")


def organisation_list(
    *, municipality: Municipality, district: District | None = None
) -> QuerySet[Organisation]:
    queryset = Organisation.objects.filter(municipality=municipality).select_related("district")
    if district is not None:
        queryset = queryset.filter(district=district)
    return queryset.annotate(
        offer_count=Count("offers", filter=Q(offers__is_published=True))
    ).order_by("name")


def organisation_get(*, municipality: Municipality, slug: str) -> Organisation:
    try:
        return Organisation.objects.select_related("district", "municipality").get(
            municipality=municipality, slug=slug
        )
    except Organisation.DoesNotExist as exc:
        raise Http404("organisation") from exc


# Offers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferFilters:
    district: District | None = None
    hub: Hub | None = None
    theme: str = ""
    weekday: int | None = None
    language: str = ""
    step_free: bool = False
    age_group: str = ""


def offer_list(
    *, municipality: Municipality, filters: OfferFilters | None = None
) -> QuerySet[Offer]:
    """Published offers that have not ended, by weekday and time; two queries at most
    whatever the number of offers."""
    filters = filters or OfferFilters()
    today = timezone.localdate()
    queryset = (
        Offer.objects.filter(municipality=municipality, is_published=True)
        .filter(Q(last_date__isnull=True) | Q(last_date__gte=today))
        .select_related("district", "hub__district", "room", "organisation")
    )
    if filters.district is not None:
        queryset = queryset.filter(district=filters.district)
    if filters.hub is not None:
        queryset = queryset.filter(hub=filters.hub)
    if filters.theme:
        queryset = queryset.filter(theme=filters.theme)
    if filters.weekday is not None:
        queryset = queryset.filter(weekday=filters.weekday)
    if filters.language:
        # JSON text match: works on SQLite and PostgreSQL alike.
        queryset = queryset.filter(languages__icontains=f'"{filters.language}"')
    if filters.step_free:
        queryset = queryset.filter(step_free=True)
    if filters.age_group:
        queryset = queryset.filter(Q(age_group=filters.age_group) | Q(age_group="all"))
    return queryset.order_by("weekday", "starts", "title")


def offer_get(*, municipality: Municipality, slug: str) -> Offer:
    try:
        return (
            Offer.objects.select_related(
                "district", "hub__district", "room", "organisation", "working_group"
            )
            .annotate(signup_count=Count("signups"))
            .get(municipality=municipality, slug=slug, is_published=True)
        )
    except Offer.DoesNotExist as exc:
        raise Http404("offer") from exc


def offer_next_dates(offer: Offer, *, count: int = 4, today: date | None = None) -> list[date]:
    """The offer's next dates from today."""
    today = today or timezone.localdate()
    day = offer.first_date
    step = timedelta(weeks=offer.interval_weeks)
    if day < today:
        skipped = (today - day).days // step.days
        day += step * skipped
        if day < today:
            day += step
    dates: list[date] = []
    while len(dates) < count and (offer.last_date is None or day <= offer.last_date):
        dates.append(day)
        day += step
    return dates


def offer_hubs(*, municipality: Municipality) -> QuerySet[Hub]:
    return (
        Hub.objects.filter(district__municipality=municipality)
        .select_related("district")
        .order_by("district__sort_order", "name")
    )


def offer_signups_of_user(*, user: Any, municipality: Municipality) -> QuerySet[OfferSignup]:
    """The places the user has taken on the municipality's offers, by weekday."""
    if not getattr(user, "is_authenticated", False):
        return OfferSignup.objects.none()
    return (
        OfferSignup.objects.filter(user=user, offer__municipality=municipality)
        .select_related("offer")
        .order_by("offer__weekday", "offer__starts", "offer__title")
    )


# Volunteers and working groups ---------------------------------------------------------


def volunteer_for_user(*, user: Any, municipality: Municipality) -> Volunteer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Volunteer.objects.select_related("district", "user")
        .filter(user=user, municipality=municipality)
        .first()
    )


def working_group_list(
    *, municipality: Municipality, district: District | None = None
) -> QuerySet[WorkingGroup]:
    """Groups with their member count; those lacking the most people first."""
    queryset = WorkingGroup.objects.filter(municipality=municipality).select_related(
        "district", "hub"
    )
    if district is not None:
        queryset = queryset.filter(district=district)
    return queryset.annotate(member_count=Count("memberships")).order_by(
        "district__sort_order", "name"
    )


def working_group_get(*, municipality: Municipality, slug: str) -> WorkingGroup:
    try:
        return (
            WorkingGroup.objects.select_related("district", "hub", "coordinator", "municipality")
            .annotate(member_count=Count("memberships"))
            .get(municipality=municipality, slug=slug)
        )
    except WorkingGroup.DoesNotExist as exc:
        raise Http404("working group") from exc


def working_group_members(*, group: WorkingGroup) -> list[Volunteer]:
    return list(
        Volunteer.objects.filter(memberships__group=group)
        .select_related("user", "district")
        .order_by("display_name")
    )


def _profile(volunteer: Volunteer, group_count: int) -> VolunteerProfile:
    return VolunteerProfile(
        id=volunteer.pk,
        district_id=volunteer.district_id,
        interests=frozenset(volunteer.interests),
        skills=frozenset(volunteer.skills),
        languages=frozenset(volunteer.languages),
        availability=slots(volunteer.available_days, volunteer.available_times),
        is_available=volunteer.is_available,
        current_groups=group_count,
    )


def group_need(group: WorkingGroup, member_ids: frozenset[int], member_count: int) -> Need:
    return Need(
        id=group.pk,
        theme=group.theme,
        open_places=max(group.volunteers_needed - member_count, 0),
        district_id=group.district_id,
        wanted_skills=frozenset(group.wanted_skills),
        meets=slots(group.meeting_days, group.meeting_times),
        members=member_ids,
    )


@dataclass(frozen=True)
class VolunteerSuggestion:
    volunteer: Volunteer
    suggestion: Suggestion


def working_group_suggestions(*, group: WorkingGroup, limit: int = 10) -> list[VolunteerSuggestion]:
    """Volunteers of the municipality who fit the group, best first (see
    ``medvirk.algorithms.matching``)."""
    volunteers = list(
        Volunteer.objects.filter(municipality_id=group.municipality_id, is_available=True)
        .select_related("district")
        .annotate(group_count=Count("memberships"))
    )
    member_ids = frozenset(group.memberships.values_list("volunteer_id", flat=True))
    need = group_need(group, member_ids, len(member_ids))
    by_id = {volunteer.pk: volunteer for volunteer in volunteers}
    ranked = rank(
        need,
        [_profile(v, v.group_count) for v in volunteers],
        limit=limit,
    )
    return [VolunteerSuggestion(volunteer=by_id[s.volunteer_id], suggestion=s) for s in ranked]


# Measures -----------------------------------------------------------------------------


@dataclass
class DistrictMeasures:
    district: District
    groups: list[WorkingGroup] = field(default_factory=list)
    hubs: list[tuple[Hub, Occupancy]] = field(default_factory=list)
    offers_per_week: float = 0.0
    people_reached: int = 0
    volunteers: int = 0

    @property
    def volunteers_needed(self) -> int:
        return sum(group.volunteers_needed for group in self.groups)

    @property
    def volunteers_placed(self) -> int:
        return sum(
            min(group.member_count, group.volunteers_needed)  # type: ignore[attr-defined]
            for group in self.groups
        )

    @property
    def groups_lacking(self) -> list[WorkingGroup]:
        return [g for g in self.groups if g.member_count < g.volunteers_needed]  # type: ignore[attr-defined]


def measures_period(today: date | None = None) -> tuple[date, date]:
    """The current calendar month."""
    today = today or timezone.localdate()
    start = today.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1)
    return start, end


def district_measures(
    *, districts: list[District], start: date, end: date
) -> list[DistrictMeasures]:
    """The simple measures of each district: volunteers per working group against its
    need, occupancy of each hub, offers per week, people reached (distinct people signed
    up to its offers or members of its groups) and volunteers. A fixed number of queries
    whatever the number of districts."""
    ids = [district.pk for district in districts]
    result = {district.pk: DistrictMeasures(district=district) for district in districts}
    for group in (
        WorkingGroup.objects.filter(district_id__in=ids)
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    ):
        assert group.district_id is not None
        result[group.district_id].groups.append(group)
    hubs = list(Hub.objects.filter(district_id__in=ids).order_by("name"))
    occupancy = occupancy_for_hubs(hubs=hubs, start=start, end=end)
    for hub in hubs:
        result[hub.district_id].hubs.append((hub, occupancy[hub.pk]))
    today = timezone.localdate()
    for district_id, interval in (
        Offer.objects.filter(district_id__in=ids, is_published=True)
        .filter(Q(last_date__isnull=True) | Q(last_date__gte=today))
        .values_list("district_id", "interval_weeks")
    ):
        result[district_id].offers_per_week += 1 / max(interval, 1)
    reached: dict[int, set[int]] = {district_id: set() for district_id in ids}
    for district_id, user_id in OfferSignup.objects.filter(offer__district_id__in=ids).values_list(
        "offer__district_id", "user_id"
    ):
        reached[district_id].add(user_id)
    for district_id, user_id in Volunteer.objects.filter(
        memberships__group__district_id__in=ids
    ).values_list("memberships__group__district_id", "user_id"):
        reached[district_id].add(user_id)
    for district_id, count in (
        Volunteer.objects.filter(district_id__in=ids)
        .values_list("district_id")
        .annotate(count=Count("id"))
        .values_list("district_id", "count")
    ):
        result[district_id].volunteers = count
    for district_id, people in reached.items():
        result[district_id].people_reached = len(people)
        result[district_id].offers_per_week = round(result[district_id].offers_per_week, 1)
    return [result[district.pk] for district in districts]
