"""Factories for places. Districts get a square boundary around a given centre."""

from __future__ import annotations

from typing import Any

import factory

from medvirk.places.models import County, District, Hub, Municipality, Postcode, Room


def square(longitude: float, latitude: float, half: float = 0.01) -> dict[str, Any]:
    ring = [
        [longitude - half, latitude - half],
        [longitude + half, latitude - half],
        [longitude + half, latitude + half],
        [longitude - half, latitude + half],
        [longitude - half, latitude - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


class CountyFactory(factory.django.DjangoModelFactory[County]):
    class Meta:
        model = County
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: f"{(n % 89) + 10:02d}")
    name = factory.Sequence(lambda n: f"Fylke {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality

    number = factory.Sequence(lambda n: f"{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    slug = factory.Sequence(lambda n: f"testkommune-{n}")
    county = factory.SubFactory(CountyFactory)
    population = 20000
    is_participating = True


class DistrictFactory(factory.django.DjangoModelFactory[District]):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Bydel {n}")
    slug = factory.Sequence(lambda n: f"bydel-{n}")
    population = 5000
    boundary = factory.Sequence(lambda n: square(10.0 + n * 0.1, 59.7))


class PostcodeFactory(factory.django.DjangoModelFactory[Postcode]):
    class Meta:
        model = Postcode

    district = factory.SubFactory(DistrictFactory)
    municipality = factory.SelfAttribute("district.municipality")
    code = factory.Sequence(lambda n: f"{3000 + n:04d}")
    place = "Testby"


class HubFactory(factory.django.DjangoModelFactory[Hub]):
    class Meta:
        model = Hub

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Knutepunkt {n}")
    slug = factory.Sequence(lambda n: f"knutepunkt-{n}")
    kind = "library"
    address = "Storgata 1"
    postcode = "3000"
    postal_place = "Testby"


class RoomFactory(factory.django.DjangoModelFactory[Room]):
    class Meta:
        model = Room

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Rom {n}")
    capacity = 20
    facilities = factory.LazyFunction(lambda: ["projector"])
