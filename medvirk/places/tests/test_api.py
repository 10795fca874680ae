"""The public API for municipalities, districts, hubs and the district finder, described
in the OpenAPI schema."""

from __future__ import annotations

import pytest

from medvirk.places.tests.factories import (
    DistrictFactory,
    HubFactory,
    MunicipalityFactory,
    PostcodeFactory,
    RoomFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality():
    municipality = MunicipalityFactory(number="3301", name="Drammen", slug="drammen")
    district = DistrictFactory(municipality=municipality, slug="bragernes", name="Bragernes")
    PostcodeFactory(district=district, code="3015")
    RoomFactory(hub=HubFactory(district=district))
    return municipality


def test_municipalities_and_detail(client, municipality) -> None:
    """Municipalities are listed and fetched by number."""
    listing = client.get("/api/v1/municipalities/").json()
    assert listing["count"] == 1
    assert listing["results"][0]["number"] == "3301"
    detail = client.get("/api/v1/municipalities/3301/").json()
    assert detail["name"] == "Drammen"
    assert client.get("/api/v1/municipalities/0000/").status_code == 404


def test_districts_with_boundaries_and_hubs(client, municipality) -> None:
    """Districts come with their GeoJSON boundary and postcodes; hubs with rooms."""
    districts = client.get("/api/v1/municipalities/3301/districts/").json()["results"]
    assert districts[0]["postcodes"] == ["3015"]
    assert districts[0]["boundary"]["type"] == "Polygon"
    hubs = client.get("/api/v1/municipalities/3301/hubs/").json()["results"]
    assert len(hubs[0]["rooms"]) == 1


def test_find_district(client, municipality) -> None:
    """The finder answers by postcode, 404s on a foreign one, 400s on a malformed one."""
    found = client.get("/api/v1/municipalities/3301/find-district/", {"postnummer": "3015"})
    assert found.json()["district"]["slug"] == "bragernes"
    assert (
        client.get("/api/v1/municipalities/3301/find-district/", {"postnummer": "9999"}).status_code
        == 404
    )
    bad = client.get("/api/v1/municipalities/3301/find-district/", {"postnummer": "12"})
    assert bad.status_code == 400 and "postnummer" in bad.json()


def test_api_is_read_only_for_the_public(client, municipality) -> None:
    """Writing is not offered to anonymous callers."""
    assert client.post("/api/v1/municipalities/", {}).status_code in {401, 403, 405}


def test_openapi_schema_describes_the_endpoints(client, municipality) -> None:
    """The schema names every public endpoint."""
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json() if "json" in response["Content-Type"] else None
    text = response.content.decode()
    for path in (
        "/api/v1/municipalities/",
        "/api/v1/municipalities/{number}/districts/",
        "/api/v1/municipalities/{number}/hubs/",
        "/api/v1/municipalities/{number}/find-district/",
    ):
        assert path in (schema["paths"] if schema else text)
