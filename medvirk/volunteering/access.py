"""Who may do what with associations, volunteers, working groups and offers. Built on
``medvirk.accounts.access``."""

from __future__ import annotations

from typing import Any

from medvirk.accounts.access import (
    user_can_edit_district,
    user_can_manage_municipality,
    user_has_role,
    user_is_staff_of,
)
from medvirk.accounts.models import Role
from medvirk.places.models import District, Municipality
from medvirk.volunteering.models import Offer, Organisation, Volunteer, WorkingGroup

MUNICIPALITY_COORDINATING_ROLES = frozenset({Role.CASE_OFFICER, Role.MUNICIPALITY_ADMIN})


def _is_person(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def user_can_coordinate_volunteering(
    user: Any, *, municipality: Municipality, district: District | None = None
) -> bool:
    """Coordinators (of the district, or of any district when none is given), case
    officers and administrators of the municipality create and run working groups."""
    if not _is_person(user):
        return False
    if district is not None and user_can_edit_district(user, district=district):
        return True
    if district is None and user_has_role(
        user, roles={Role.COORDINATOR}, municipality=municipality
    ):
        return True
    return user_can_manage_municipality(user, municipality=municipality) or user_has_role(
        user, roles=MUNICIPALITY_COORDINATING_ROLES, municipality=municipality
    )


def user_can_manage_group(user: Any, *, group: WorkingGroup) -> bool:
    """The group's coordinator, and whoever coordinates volunteering in its district."""
    if not _is_person(user):
        return False
    if group.coordinator_id == user.pk:
        return True
    return user_can_coordinate_volunteering(
        user, municipality=group.municipality, district=group.district
    )


def user_can_manage_organisation(user: Any, *, organisation: Organisation) -> bool:
    if not _is_person(user):
        return False
    if organisation.managers.filter(pk=user.pk).exists():
        return True
    return user_can_manage_municipality(user, municipality=organisation.municipality)


def user_can_create_offer(user: Any, *, municipality: Municipality) -> bool:
    """Staff of the municipality and managers of one of its associations."""
    if not _is_person(user):
        return False
    return (
        user_is_staff_of(user, municipality=municipality)
        or Organisation.objects.filter(municipality=municipality, managers=user).exists()
    )


def user_can_manage_offer(user: Any, *, offer: Offer) -> bool:
    if not _is_person(user):
        return False
    if offer.created_by_id == user.pk:
        return True
    if offer.organisation is not None and user_can_manage_organisation(
        user, organisation=offer.organisation
    ):
        return True
    return user_can_coordinate_volunteering(
        user, municipality=offer.municipality, district=offer.district
    )


def user_can_see_volunteer_contact(user: Any, *, volunteer: Volunteer) -> bool:
    """Only coordinators of a group the volunteer has joined see their e-mail and phone
    (and the volunteer themself)."""
    if not _is_person(user):
        return False
    if volunteer.user_id == user.pk:
        return True
    groups = WorkingGroup.objects.filter(memberships__volunteer=volunteer).select_related(
        "municipality", "district"
    )
    return any(user_can_manage_group(user, group=group) for group in groups)


def user_can_join_group(user: Any, *, group: WorkingGroup, volunteer: Volunteer | None) -> bool:
    """A volunteer of the group's municipality joins a group that is recruiting on their
    own; everyone else first becomes a volunteer (or waits until the group recruits)."""
    return (
        _is_person(user)
        and volunteer is not None
        and volunteer.user_id == user.pk
        and volunteer.municipality_id == group.municipality_id
        and group.is_open
    )
