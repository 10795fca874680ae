"""Writes about places: importing the national reference data, and creating districts,
hubs and rooms with their invariants checked."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medvirk.places.models import (
    County,
    District,
    Facility,
    Hub,
    Municipality,
    Neighbourhood,
    OpeningHours,
    Postcode,
    Room,
)
from medvirk.places.reference_data import CountyRecord, MunicipalityRecord

Progress = Callable[[str], None]

_IMPORTED_FIELDS = [
    "name",
    "slug",
    "county",
    "population",
    "area_km2",
    "written_form",
    "administrative_centre",
    "kostra_group",
    "website",
    "boundary",
]


def municipalities_import(
    *,
    counties: Sequence[CountyRecord],
    municipalities: Sequence[MunicipalityRecord],
    progress: Progress | None = None,
) -> tuple[int, int]:
    """Create or update counties and municipalities by number, all or nothing.
    Re-running updates the rows in place; it never duplicates. Returns (created, updated)."""
    with transaction.atomic():
        county_by_number: dict[str, County] = {}
        for county_record in counties:
            county_by_number[county_record.number], _created = County.objects.update_or_create(
                number=county_record.number, defaults={"name": county_record.name}
            )
        existing = {m.number: m for m in Municipality.objects.select_for_update()}
        new: list[Municipality] = []
        changed: list[Municipality] = []
        for index, record in enumerate(municipalities, start=1):
            county = county_by_number.get(record.county_number)
            if county is None:
                raise ValidationError(
                    _("Municipality %(number)s refers to unknown county %(county)s.")
                    % {"number": record.number, "county": record.county_number}
                )
            values = {
                "name": record.name,
                "slug": record.slug,
                "county": county,
                "population": record.population,
                "area_km2": record.area_km2,
                "written_form": record.written_form,
                "administrative_centre": record.administrative_centre,
                "kostra_group": record.kostra_group,
                "website": record.website,
                "boundary": record.boundary,
            }
            municipality = existing.get(record.number)
            if municipality is None:
                new.append(Municipality(number=record.number, **values))
            else:
                for field, value in values.items():
                    setattr(municipality, field, value)
                changed.append(municipality)
            if progress and index % 50 == 0:
                progress(f"{index}/{len(municipalities)}")
        Municipality.objects.bulk_create(new, batch_size=100)
        Municipality.objects.bulk_update(changed, _IMPORTED_FIELDS, batch_size=100)
        created, updated = len(new), len(changed)
    return created, updated


def district_upsert(
    *,
    municipality: Municipality,
    slug: str,
    name: str,
    population: int | None = None,
    description: str = "",
    boundary: dict[str, Any] | None = None,
    sort_order: int = 0,
    neighbourhoods: Iterable[str] = (),
    postcodes: Iterable[tuple[str, str]] = (),
) -> District:
    """Create or update a district with its neighbourhoods and postcodes. A postcode that
    another district of the municipality holds is moved here."""
    with transaction.atomic():
        district, _created = District.objects.update_or_create(
            municipality=municipality,
            slug=slug,
            defaults={
                "name": name,
                "population": population,
                "description": description,
                "boundary": boundary,
                "sort_order": sort_order,
            },
        )
        for neighbourhood in neighbourhoods:
            Neighbourhood.objects.get_or_create(district=district, name=neighbourhood)
        for code, place in postcodes:
            Postcode.objects.update_or_create(
                municipality=municipality,
                code=code,
                defaults={"district": district, "place": place},
            )
    return district


def hub_upsert(
    *,
    district: District,
    slug: str,
    name: str,
    kind: str,
    opening_hours: Sequence[tuple[int, time, time]] = (),
    rooms: Sequence[tuple[str, int, list[str]]] = (),
    **fields: Any,
) -> Hub:
    """Create or update a hub with its opening hours (replaced) and rooms (by name)."""
    for _weekday, opens, closes in opening_hours:
        if closes <= opens:
            raise ValidationError(_("A hub must close after it opens."))
    with transaction.atomic():
        hub, _created = Hub.objects.update_or_create(
            district=district, slug=slug, defaults={"name": name, "kind": kind, **fields}
        )
        hub.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(hub=hub, weekday=weekday, opens=opens, closes=closes)
            for weekday, opens, closes in opening_hours
        )
        for room_name, capacity, facilities in rooms:
            Room.objects.update_or_create(
                hub=hub,
                name=room_name,
                defaults={"capacity": capacity, "facilities": list(facilities)},
            )
    return hub


def room_save(
    *,
    hub: Hub,
    name: str,
    capacity: int,
    facilities: Sequence[str] = (),
    is_bookable: bool = True,
    room: Room | None = None,
) -> Room:
    """Add a room to a hub, or change one of its rooms. Names are unique within the hub,
    capacity is at least one person, and facilities come from the known list."""
    name = name.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the room a name.")
    if capacity < 1:
        errors["capacity"] = _("A room holds at least one person.")
    known = {code for code, _label in Facility.choices}
    if set(facilities) - known:
        errors["facilities"] = _("Choose facilities from the list.")
    if room is not None and room.hub_id != hub.pk:
        raise ValidationError(_("The room belongs to another hub."))
    with transaction.atomic():
        taken = Room.objects.select_for_update().filter(hub=hub, name__iexact=name)
        if room is not None:
            taken = taken.exclude(pk=room.pk)
        if name and taken.exists():
            errors["name"] = _("This hub already has a room called %(name)s.") % {"name": name}
        if errors:
            raise ValidationError(errors)
        target = room or Room(hub=hub)
        target.name = name
        target.capacity = capacity
        target.facilities = list(facilities)
        target.is_bookable = is_bookable
        target.save()
    return target
