"""Reads about places. Views call these; they never build place queries themselves."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from medvirk.algorithms.geo import contains_point
from medvirk.places.models import District, Hub, Municipality, Postcode, Room


def municipality_list_participating() -> QuerySet[Municipality]:
    return (
        Municipality.objects.filter(is_participating=True)
        .select_related("county")
        .annotate(district_count=Count("districts"))
        .order_by("name")
    )


def municipality_list_all() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("county").order_by("county__number", "name")


def municipality_get(*, slug: str) -> Municipality:
    try:
        return Municipality.objects.select_related("county").get(slug=slug)
    except Municipality.DoesNotExist as exc:
        raise Http404("municipality") from exc


def district_list(*, municipality: Municipality) -> QuerySet[District]:
    return (
        District.objects.filter(municipality=municipality)
        .select_related("municipality")
        .prefetch_related("neighbourhoods", Prefetch("hubs", queryset=Hub.objects.order_by("name")))
        .order_by("sort_order", "name")
    )


def district_get(*, municipality: Municipality, slug: str) -> District:
    try:
        return (
            District.objects.select_related("municipality")
            .prefetch_related("neighbourhoods", "postcodes")
            .get(municipality=municipality, slug=slug)
        )
    except District.DoesNotExist as exc:
        raise Http404("district") from exc


def hub_list(*, district: District) -> QuerySet[Hub]:
    return Hub.objects.filter(district=district).prefetch_related("rooms", "opening_hours")


def hub_get(*, district: District, slug: str) -> Hub:
    try:
        return (
            Hub.objects.select_related("district__municipality")
            .prefetch_related(
                "opening_hours", Prefetch("rooms", queryset=Room.objects.order_by("name"))
            )
            .get(district=district, slug=slug)
        )
    except Hub.DoesNotExist as exc:
        raise Http404("hub") from exc


@dataclass(frozen=True)
class PostcodeMatch:
    postcode: Postcode
    district: District


def district_find_by_postcode(*, municipality: Municipality, code: str) -> PostcodeMatch | None:
    """The district a postcode belongs to in this municipality, or None."""
    postcode = (
        Postcode.objects.select_related("district")
        .filter(municipality=municipality, code=code)
        .first()
    )
    if postcode is None:
        return None
    return PostcodeMatch(postcode=postcode, district=postcode.district)


def district_find_by_point(
    *, municipality: Municipality, latitude: float, longitude: float
) -> District | None:
    """The district whose boundary holds the point, or None."""
    candidates = District.objects.filter(municipality=municipality, boundary__isnull=False)
    for district in candidates:
        if district.boundary and contains_point(district.boundary, longitude, latitude):
            return district
    return None
