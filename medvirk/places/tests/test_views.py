"""The public pages of municipalities, districts and hubs, and "find my district"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from medvirk.places.tests.factories import (
    DistrictFactory,
    HubFactory,
    MunicipalityFactory,
    PostcodeFactory,
    RoomFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def place() -> dict:
    municipality = MunicipalityFactory(name="Elvby", slug="elvby")
    district = DistrictFactory(
        municipality=municipality,
        name="Nordsiden",
        slug="nordsiden",
        boundary={
            "type": "Polygon",
            "coordinates": [[[10, 59], [10.2, 59], [10.2, 59.2], [10, 59.2], [10, 59]]],
        },
    )
    PostcodeFactory(district=district, code="3015")
    hub = HubFactory(district=district, name="Nordsiden bibliotek", slug="nordsiden-bibliotek")
    RoomFactory(hub=hub, name="Storsalen", capacity=80)
    return {"municipality": municipality, "district": district, "hub": hub}


def test_front_page_lists_participating_municipalities(client, place) -> None:
    """The national front page names the municipalities that run participation here."""
    MunicipalityFactory(name="Fjellby", is_participating=False)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    participating = [m.name for m in response.context["participating"]]
    assert participating == ["Elvby"]
    assert "Fjellby" in response.content.decode()  # in the list of all municipalities


def test_municipality_district_and_hub_pages(client, place) -> None:
    """Each level has its page, with the map and the district list on the municipality."""
    municipality = client.get("/elvby/")
    assert municipality.status_code == 200
    content = municipality.content.decode()
    assert 'href="/elvby/nordsiden/"' in content and "<svg" in content
    district = client.get("/elvby/nordsiden/")
    assert district.status_code == 200
    assert "Nordsiden bibliotek" in district.content.decode()
    hub = client.get("/elvby/nordsiden/knutepunkt/nordsiden-bibliotek/")
    assert hub.status_code == 200
    assert "Storsalen" in hub.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/finnes-ikke/", "/elvby/finnes-ikke/", "/elvby/nordsiden/knutepunkt/finnes-ikke/"],
)
def test_unknown_places_answer_a_translated_404(client, place, path: str) -> None:
    """Unknown municipality, district or hub: 404 in the site's layout, in Norwegian."""
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Fant ikke siden" in content and "Hopp til hovedinnholdet" in content


def test_another_municipalitys_district_is_not_reached(client, place) -> None:
    """A district is only found under its own municipality."""
    other = MunicipalityFactory(slug="annenby")
    assert client.get(f"/{other.slug}/nordsiden/").status_code == 404


def test_find_by_postcode(client, place) -> None:
    """A known postcode names its district and links to it."""
    response = client.get("/elvby/finn/", {"postnummer": "3015"}, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.context["found"] == place["district"]
    assert "Postnummer 3015 hører til Nordsiden." in response.content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("30x5", "Et postnummer har fire sifre, for eksempel 3015."),
        ("9999", "Postnummer 9999 ligger ikke i Elvby."),
    ],
)
def test_bad_postcode_is_explained_and_kept(client, place, value: str, message: str) -> None:
    """A malformed or foreign postcode gets a clear message and stays in the field."""
    response = client.get("/elvby/finn/", {"postnummer": value}, HTTP_ACCEPT_LANGUAGE="nb")
    content = response.content.decode()
    assert message in content
    assert f'value="{value}"' in content
    assert "found" not in response.context


def test_find_by_point(client, place) -> None:
    """A point inside a district's boundary finds it; a point outside is explained."""
    inside = client.get("/elvby/finn/", {"breddegrad": "59.1", "lengdegrad": "10.1"})
    assert inside.context["found"] == place["district"]
    outside = client.get(
        "/elvby/finn/", {"breddegrad": "60.5", "lengdegrad": "10.1"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "That point is not inside any district of Elvby." in outside.content.decode()


def test_half_a_point_is_refused(client, place) -> None:
    """Latitude without longitude is refused with a message, not a crash."""
    response = client.get("/elvby/finn/", {"breddegrad": "59.1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Give both latitude and longitude, or neither." in response.content.decode()


def test_htmx_request_gets_only_the_result(client, place) -> None:
    """With HTMX the finder answers with the result region alone."""
    response = client.get("/elvby/finn/", {"postnummer": "3015"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="find-result"')
    assert "<html" not in content


def test_municipality_page_query_count_does_not_grow(
    client, place, django_assert_max_num_queries
) -> None:
    """The municipality page costs the same few queries whatever the number of districts."""
    for _ in range(15):
        district = DistrictFactory(municipality=place["municipality"])
        HubFactory(district=district)
    with django_assert_max_num_queries(6):
        response = client.get("/elvby/")
    assert response.status_code == 200
    assert len(response.context["districts"]) == 16


def test_front_page_query_count(client, place, django_assert_max_num_queries) -> None:
    """The front page lists many municipalities with a fixed number of queries."""
    for _ in range(30):
        MunicipalityFactory()
    with django_assert_max_num_queries(4):
        assert client.get("/").status_code == 200


def test_language_switch_sets_the_language(client, place) -> None:
    """Posting a language switches every later page to it."""
    client.post(reverse("set_language"), {"language": "nn", "next": "/elvby/"})
    response = client.get("/elvby/")
    assert 'lang="nn"' in response.content.decode()
    assert "Finn kommunedelen din" in response.content.decode()
