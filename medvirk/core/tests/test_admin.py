"""The back office: municipality administrators manage their own municipality and
nothing else; platform administrators manage all; others do not get in."""

from __future__ import annotations

import pytest

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.places.tests.factories import DistrictFactory, HubFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_municipalities() -> dict:
    home = MunicipalityFactory(name="Hjemby")
    other = MunicipalityFactory(name="Naboby")
    return {
        "home": home,
        "other": other,
        "home_district": DistrictFactory(municipality=home, name="Hjemdel"),
        "other_district": DistrictFactory(municipality=other, name="Nabodel"),
        "other_hub": HubFactory(district__municipality=other),
    }


def test_municipality_admin_sees_only_own_rows(client, two_municipalities) -> None:
    """The district list shows the admin's municipality only."""
    admin = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=two_municipalities["home"])
    client.force_login(admin)
    response = client.get("/admin/places/district/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Hjemdel" in content and "Nabodel" not in content


def test_municipality_admin_cannot_open_or_change_another_municipality(
    client, two_municipalities
) -> None:
    """Another municipality's district, hub or municipality page is out of reach."""
    admin = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=two_municipalities["home"])
    client.force_login(admin)
    other = two_municipalities
    for url in (
        f"/admin/places/district/{other['other_district'].pk}/change/",
        f"/admin/places/hub/{other['other_hub'].pk}/change/",
        f"/admin/places/municipality/{other['other'].pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code in {302, 403, 404}, url
    response = client.post(
        f"/admin/places/district/{other['other_district'].pk}/change/",
        {"name": "Kapret", "slug": "kapret", "municipality": other["other"].pk},
    )
    other["other_district"].refresh_from_db()
    assert other["other_district"].name == "Nabodel"


def test_municipality_admin_is_offered_only_own_municipality(client, two_municipalities) -> None:
    """Drop-downs on the add form offer the admin's own municipality only."""
    admin = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=two_municipalities["home"])
    client.force_login(admin)
    form = client.get("/admin/places/district/add/").context["adminform"].form
    assert list(form.fields["municipality"].queryset) == [two_municipalities["home"]]


def test_platform_admin_sees_everything(client, two_municipalities) -> None:
    """A platform administrator sees both municipalities' districts."""
    client.force_login(user_with_role(Role.PLATFORM_ADMIN))
    content = client.get("/admin/places/district/").content.decode()
    assert "Hjemdel" in content and "Nabodel" in content


@pytest.mark.parametrize("role", [None, Role.CASE_OFFICER])
def test_others_are_kept_out(client, two_municipalities, role) -> None:
    """Residents and staff without an administrator role do not enter the back office."""
    user = user_with_role(role, municipality=two_municipalities["home"]) if role else UserFactory()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
