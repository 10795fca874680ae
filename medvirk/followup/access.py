"""Who may answer inputs and publish reports. Built on ``medvirk.accounts.access``."""

from __future__ import annotations

from typing import Any

from medvirk.accounts.access import user_has_role, user_is_platform_admin
from medvirk.participation.access import ANSWER_ROLES
from medvirk.participation.models import Activity, Input


def user_can_answer(user: Any, *, activity: Activity) -> bool:
    """Only staff of the activity's municipality who answer input: case officers and
    municipality administrators (and platform administrators)."""
    return user_is_platform_admin(user) or user_has_role(
        user, roles=ANSWER_ROLES, municipality=activity.municipality
    )


def user_can_publish_report(user: Any, *, activity: Activity) -> bool:
    return user_can_answer(user, activity=activity)


def user_can_view_report(user: Any, *, activity: Activity, published: bool) -> bool:
    """A published report is public; a draft is seen by those who write it."""
    return published or user_can_answer(user, activity=activity)


def user_owns_input(user: Any, *, input: Input) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and input.author_id == user.pk
