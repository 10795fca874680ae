"""Who may do what with indicators. Reading is open to everyone (public statistics and
council decisions); changing a municipality's SDG mapping, fiscal rules or experience
entries is for its administrators; importing data for the installation is for
municipality and platform administrators."""

from __future__ import annotations

from typing import Any

from medvirk.accounts.access import (
    user_can_manage_municipality,
    user_is_platform_admin,
    user_is_staff_of,
)
from medvirk.places.models import Municipality


def user_can_edit_sdg_mapping(user: Any, *, municipality: Municipality) -> bool:
    return user_can_manage_municipality(user, municipality=municipality)


def user_can_edit_fiscal_rules(user: Any, *, municipality: Municipality) -> bool:
    return user_can_manage_municipality(user, municipality=municipality)


def user_can_publish_experience(user: Any, *, municipality: Municipality) -> bool:
    return user_is_staff_of(user, municipality=municipality)


def user_can_import_indicators(user: Any, *, municipality: Municipality) -> bool:
    """Imports write installation-wide statistics: the municipality's administrators and
    platform administrators."""
    return user_is_platform_admin(user) or user_can_manage_municipality(
        user, municipality=municipality
    )
