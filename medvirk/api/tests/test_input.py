"""Bad query input is a clear, translated 400, never a 500: pagination (limit capped at
500; negative, non-numeric and absurd values refused) and every parameter that parses
numbers, dates or yes/no in the apps' API modules."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """Drammen with one district and a hub (enough for every parameter to be read)."""
    from medvirk.places.tests.factories import DistrictFactory, HubFactory, MunicipalityFactory

    municipality = MunicipalityFactory(number="3301", name="Drammen", slug="drammen")
    hub = HubFactory(district=DistrictFactory(municipality=municipality))
    return {"hub_id": hub.pk}


def test_limit_is_capped_at_500(client: Any, world: dict[str, Any]) -> None:
    """A huge limit is answered with at most 500 rows, not a server error."""
    for limit in ("501", "99999999999999999", "9" * 18):
        response = client.get("/api/v1/municipalities/", {"limit": limit})
        assert response.status_code == 200
        assert response.json()["count"] == 1
    next_link = client.get("/api/v1/methods/", {"limit": "100000"}).json()["next"]
    assert next_link is None or "limit=500" in next_link


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("limit", "-1"),
        ("limit", "0"),
        ("limit", "abc"),
        ("limit", "1e3"),
        ("limit", "9" * 5000),
        ("limit", "²"),
        ("offset", "-5"),
        ("offset", "x"),
        ("offset", "9" * 40),
    ],
)
def test_bad_limit_and_offset_are_400(
    client: Any, world: dict[str, Any], name: str, value: str
) -> None:
    """Values that are not whole numbers in range are refused, naming the parameter."""
    response = client.get("/api/v1/municipalities/3301/activities/", {name: value})
    assert response.status_code == 400
    assert name in response.json()


def test_a_huge_offset_within_range_is_an_empty_page(client: Any, world: dict[str, Any]) -> None:
    response = client.get("/api/v1/municipalities/", {"offset": str(10**12)})
    assert response.status_code == 200 and response.json()["results"] == []


def test_errors_are_translated(client: Any, world: dict[str, Any]) -> None:
    """The message follows the person's language: bokmål by default, English on request."""
    nb = client.get("/api/v1/municipalities/", {"limit": "x"}, HTTP_ACCEPT_LANGUAGE="nb")
    en = client.get("/api/v1/municipalities/", {"limit": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    nn = client.get("/api/v1/municipalities/", {"limit": "x"}, HTTP_ACCEPT_LANGUAGE="nn")
    assert en.json()["limit"] == ["The limit is a whole number from 1 to 500."]
    assert nb.json()["limit"] != en.json()["limit"]
    assert nn.json()["limit"] != en.json()["limit"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/municipalities/", {"participating": "kanskje"}),
        ("/api/v1/municipalities/3301/budgets/", {"year": "²"}),
        ("/api/v1/municipalities/3301/budgets/", {"year": "99999999999999999999"}),
        ("/api/v1/municipalities/3301/budgets/", {"year": "-1"}),
        ("/api/v1/hubs/{hub}/bookings/", {"from": "9999-12-31"}),
        ("/api/v1/hubs/{hub}/bookings/", {"from": "2026-02-30"}),
        ("/api/v1/hubs/{hub}/bookings/", {"from": "2026-W01-1"}),
        ("/api/v1/hubs/{hub}/occupancy/", {"from": "2026-01-10", "to": "2026-01-01"}),
        ("/api/v1/hubs/{hub}/occupancy/", {"to": "0001-01-01"}),
        ("/api/v1/municipalities/3301/offers/", {"weekday": "9"}),
        ("/api/v1/municipalities/3301/offers/", {"weekday": "٣"}),
        ("/api/v1/municipalities/3301/offers/", {"step_free": "ja"}),
        ("/api/v1/municipalities/3301/meetings/", {"upcoming": "2"}),
        ("/api/v1/municipalities/3301/peers/", {"context": "population", "limit": "x"}),
        ("/api/v1/municipalities/3301/peers/", {"context": "nonsense"}),
        ("/api/v1/experiences/", {"goal": "99"}),
        ("/api/v1/experiences/", {"q": "a\x00b"}),
        ("/api/v1/observations/", {"indicator": "x" * 500}),
        ("/api/v1/observations/", {"format": "csv"}),
        ("/api/v1/municipalities/3301/find-district/", {"breddegrad": "nan", "lengdegrad": "1"}),
        ("/api/v1/municipalities/3301/find-district/", {"breddegrad": "1e999", "lengdegrad": "1"}),
        ("/api/v1/municipalities/3301/find-district/", {"breddegrad": "91", "lengdegrad": "1"}),
    ],
)
def test_bad_parameters_are_400(
    client: Any, world: dict[str, Any], path: str, params: dict[str, str]
) -> None:
    """Each bad value is a JSON 400 that names what is wrong."""
    response = client.get(path.format(hub=world["hub_id"]), params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()


def test_unknown_addresses_and_huge_ids_are_json_404(client: Any, world: dict[str, Any]) -> None:
    """An address under /api/ that does not exist, or an id no row can have, is a JSON 404."""
    for path in ("/api/v1/nothing-here/", f"/api/v1/hubs/{10**30}/bookings/", "/api/v1/tokens/-1/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("application/json")


def test_schema_documents_tokens_errors_and_formats(client: Any) -> None:
    """The schema names the Bearer scheme (no Basic), the error answers, wall-clock times
    and nullable fields as the answers give them."""
    schema = client.get("/api/schema/?format=json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["bearerAuth"]["description"],
    }
    assert not any(s.get("scheme") == "basic" for s in schemes.values())
    offers = schema["paths"]["/api/v1/municipalities/{number}/offers/"]["get"]["responses"]
    assert {"200", "400", "401", "404"} <= set(offers)
    create = schema["paths"]["/api/v1/tokens/"]["post"]["responses"]
    assert {"201", "400", "401", "403", "429"} <= set(create)
    opening = schema["components"]["schemas"]["OpeningHours"]["properties"]
    assert opening["opens"]["format"] == "partial-time"
    member = schema["components"]["schemas"]["Membership"]["properties"]
    assert member["standing_committee"]["nullable"] is True
    token = schema["components"]["schemas"]["Token"]["properties"]
    assert token["last_used_at"]["nullable"] and token["last_used_at"]["readOnly"]
