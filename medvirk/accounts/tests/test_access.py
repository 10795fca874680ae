"""Access decisions as a matrix of roles × objects: a role reaches its own district or
municipality, never another district's or another municipality's data."""

from __future__ import annotations

import pytest

from medvirk.accounts import access
from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.places.tests.factories import DistrictFactory, HubFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict:
    home = MunicipalityFactory()
    other = MunicipalityFactory()
    district = DistrictFactory(municipality=home)
    sibling = DistrictFactory(municipality=home)
    foreign = DistrictFactory(municipality=other)
    return {
        "home": home,
        "other": other,
        "district": district,
        "sibling": sibling,
        "foreign": foreign,
        "hub": HubFactory(district=district),
        "sibling_hub": HubFactory(district=sibling),
    }


def _person(kind: str, world: dict):
    if kind == "anonymous":
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    if kind == "resident":
        return UserFactory()
    if kind == "platform_admin":
        return user_with_role(Role.PLATFORM_ADMIN)
    if kind in {"coordinator", "committee_member", "hub_host"}:
        return user_with_role(kind, district=world["district"])
    return user_with_role(kind, municipality=world["home"])


# role → (edit own district, edit sibling district, edit foreign district,
#         manage home municipality, manage other municipality, staff of home, back office)
MATRIX = {
    "anonymous":          (False, False, False, False, False, False, False),
    "resident":           (False, False, False, False, False, False, False),
    "committee_member":   (False, False, False, False, False, False, False),
    "coordinator":        (True,  False, False, False, False, True,  False),
    "hub_host":           (False, False, False, False, False, False, False),
    "participation_team": (False, False, False, False, False, True,  False),
    "case_officer":       (False, False, False, False, False, True,  False),
    "moderator":          (False, False, False, False, False, True,  False),
    "municipality_admin": (True,  True,  False, True,  False, True,  True),
    "platform_admin":     (True,  True,  True,  True,  True,  True,  True),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(MATRIX))
def test_access_matrix(kind: str, world: dict) -> None:
    """Each role reaches exactly what the matrix says, and nothing in another
    municipality unless it is a platform administrator."""
    user = _person(kind, world)
    observed = (
        access.user_can_edit_district(user, district=world["district"]),
        access.user_can_edit_district(user, district=world["sibling"]),
        access.user_can_edit_district(user, district=world["foreign"]),
        access.user_can_manage_municipality(user, municipality=world["home"]),
        access.user_can_manage_municipality(user, municipality=world["other"]),
        access.user_is_staff_of(user, municipality=world["home"]),
        access.user_can_enter_back_office(user),
    )
    assert observed == MATRIX[kind]


@pytest.mark.parametrize("kind", sorted(MATRIX))
def test_hub_follows_its_district(kind: str, world: dict) -> None:
    """Editing a hub is allowed exactly when editing its district is, and to the hub
    hosts of that district (never to those of another)."""
    user = _person(kind, world)
    host = kind == "hub_host"
    assert access.user_can_edit_hub(user, hub=world["hub"]) == (
        host or access.user_can_edit_district(user, district=world["district"])
    )
    assert access.user_can_edit_hub(
        user, hub=world["sibling_hub"]
    ) == access.user_can_edit_district(user, district=world["sibling"])


def test_managed_municipalities(world: dict) -> None:
    """A municipality administrator manages only their own municipality in the back
    office; a platform administrator manages all."""
    admin = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=world["home"])
    assert list(access.municipalities_managed_by(admin)) == [world["home"]]
    platform = user_with_role(Role.PLATFORM_ADMIN)
    assert set(access.municipalities_managed_by(platform)) == {world["home"], world["other"]}


def test_inactive_user_loses_every_role(world: dict) -> None:
    """A deactivated account keeps its role rows but reaches nothing."""
    admin = user_with_role(Role.MUNICIPALITY_ADMIN, municipality=world["home"])
    admin.is_active = False
    admin.save()
    access.forget_cached_roles(admin)
    assert not access.user_can_manage_municipality(admin, municipality=world["home"])
    assert not access.user_can_enter_back_office(admin)


def test_roles_are_read_once_per_request(world: dict, django_assert_num_queries) -> None:
    """Repeated access checks for one user cost a single query."""
    coordinator = user_with_role(Role.COORDINATOR, district=world["district"])
    access.forget_cached_roles(coordinator)
    with django_assert_num_queries(1):
        for _ in range(5):
            access.user_can_edit_district(coordinator, district=world["district"])
            access.user_is_staff_of(coordinator, municipality=world["home"])
