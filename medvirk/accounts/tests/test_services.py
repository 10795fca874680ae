"""Registration and role grants validate their input and never leave half a write."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from medvirk.accounts.models import Role, RoleAssignment, User
from medvirk.accounts.services import role_grant, role_revoke, user_register
from medvirk.accounts.tests.factories import UserFactory
from medvirk.places.tests.factories import DistrictFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_register_normalises_email_and_refuses_a_second_account() -> None:
    """The address is stored in lower case; the same address again is refused."""
    user = user_register(email="Kari@Eksempel.NO", password="et-godt-passord-2026")
    assert user.email == "kari@eksempel.no"
    assert user.check_password("et-godt-passord-2026")
    with pytest.raises(ValidationError) as error:
        user_register(email="kari@eksempel.no", password="et-annet-passord-2026")
    assert "email" in error.value.message_dict
    assert User.objects.count() == 1


def test_district_role_needs_a_district_and_takes_its_municipality() -> None:
    """A coordinator is held for one district, and the municipality follows from it."""
    user = UserFactory()
    district = DistrictFactory()
    with pytest.raises(ValidationError):
        role_grant(user=user, role=Role.COORDINATOR, municipality=district.municipality)
    assignment = role_grant(user=user, role=Role.COORDINATOR, district=district)
    assert assignment.municipality == district.municipality


def test_district_of_another_municipality_is_refused() -> None:
    """A district role cannot name a municipality the district does not belong to."""
    with pytest.raises(ValidationError):
        role_grant(
            user=UserFactory(),
            role=Role.COORDINATOR,
            district=DistrictFactory(),
            municipality=MunicipalityFactory(),
        )


def test_platform_admin_is_not_tied_to_a_municipality() -> None:
    """Platform administration is installation-wide."""
    with pytest.raises(ValidationError):
        role_grant(user=UserFactory(), role=Role.PLATFORM_ADMIN, municipality=MunicipalityFactory())


def test_granting_twice_keeps_one_row_and_admin_gets_back_office() -> None:
    """Granting the same role again is harmless; administrators get staff status, which
    they lose when their last administrator role is revoked."""
    user = UserFactory()
    municipality = MunicipalityFactory()
    first = role_grant(user=user, role=Role.MUNICIPALITY_ADMIN, municipality=municipality)
    second = role_grant(user=user, role=Role.MUNICIPALITY_ADMIN, municipality=municipality)
    assert first.pk == second.pk
    assert RoleAssignment.objects.filter(user=user).count() == 1
    user.refresh_from_db()
    assert user.is_staff
    role_revoke(assignment=first)
    user.refresh_from_db()
    assert not user.is_staff
