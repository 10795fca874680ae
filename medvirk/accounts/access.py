"""Who may do what. Every access decision in medvirk goes through these functions.

They take the acting user first (keyword-only), read the user's role assignments once per
request (cached on the user object), and answer for one object. A role held in one
municipality never reaches another municipality's data.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from medvirk.accounts.models import Role, RoleAssignment
from medvirk.places.models import District, Hub, Municipality

_CACHE_ATTRIBUTE = "_medvirk_roles"

# Staff of a municipality. Hub hosts are not among them: they run a hub's rooms and
# bookings and see nothing else of the municipality's.
STAFF_ROLES = frozenset(
    {
        Role.COORDINATOR,
        Role.CASE_OFFICER,
        Role.MODERATOR,
        Role.PARTICIPATION_TEAM,
        Role.MUNICIPALITY_ADMIN,
    }
)


def _assignments(user: Any) -> list[tuple[str, int | None, int | None]]:
    """(role, municipality id, district id) for the user; cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user).values_list(
                "role", "municipality_id", "district_id"
            )
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_cached_roles(user: Any) -> None:
    """Drop the cached roles after a role was granted or revoked."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def user_is_platform_admin(user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(role == Role.PLATFORM_ADMIN for role, _, _ in _assignments(user))


def user_has_role(
    user: Any,
    *,
    roles: frozenset[str] | set[str] | tuple[str, ...],
    municipality: Municipality,
    district: District | None = None,
) -> bool:
    """True when the user holds one of ``roles`` in the municipality. With ``district``,
    a district role counts only for that district; without, for any of its districts."""
    for role, municipality_id, district_id in _assignments(user):
        if role not in roles or municipality_id != municipality.pk:
            continue
        if district is None or district_id is None or district_id == district.pk:
            return True
    return False


def user_can_manage_municipality(user: Any, *, municipality: Municipality) -> bool:
    """Municipality administrators of this municipality, and platform administrators."""
    return user_is_platform_admin(user) or user_has_role(
        user, roles={Role.MUNICIPALITY_ADMIN}, municipality=municipality
    )


def user_can_edit_district(user: Any, *, district: District) -> bool:
    """The district's coordinators, the municipality's administrators, platform admins."""
    municipality = district.municipality
    if user_can_manage_municipality(user, municipality=municipality):
        return True
    return user_has_role(
        user, roles={Role.COORDINATOR}, municipality=municipality, district=district
    )


def user_can_edit_hub(user: Any, *, hub: Hub) -> bool:
    """Those who edit the hub's district, and the district's hub hosts."""
    return user_can_edit_district(user, district=hub.district) or user_has_role(
        user, roles={Role.HUB_HOST}, municipality=hub.district.municipality, district=hub.district
    )


def user_is_staff_of(user: Any, *, municipality: Municipality) -> bool:
    """Staff of the municipality: coordinators, case officers, moderators, administrators."""
    return user_is_platform_admin(user) or user_has_role(
        user, roles=STAFF_ROLES, municipality=municipality
    )


def user_can_enter_back_office(user: Any) -> bool:
    """The Django admin is for platform and municipality administrators."""
    if user_is_platform_admin(user):
        return True
    return any(role == Role.MUNICIPALITY_ADMIN for role, _, _ in _assignments(user))


def municipalities_managed_by(user: Any) -> QuerySet[Municipality]:
    """The municipalities whose data the user may manage in the back office."""
    if user_is_platform_admin(user):
        return Municipality.objects.all()
    ids = {m for role, m, _ in _assignments(user) if role == Role.MUNICIPALITY_ADMIN and m}
    return Municipality.objects.filter(pk__in=ids)


def users_visible_in_back_office(user: Any) -> QuerySet[Any]:
    """The people the user may see and pick in the back office. People are
    installation-wide, so a municipality administrator is never shown them all: only
    those holding a role in a municipality (or one of its districts) that they manage.
    Platform administrators see everyone."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    people = get_user_model()._default_manager.all()
    if user_is_platform_admin(user):
        return people
    managed = municipalities_managed_by(user).values("pk")
    known = RoleAssignment.objects.filter(
        Q(municipality__in=managed) | Q(district__municipality__in=managed)
    ).values("user_id")
    return people.filter(pk__in=known)
