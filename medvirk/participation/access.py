"""Who may do what with activities and inputs. Built on ``medvirk.accounts.access``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from medvirk.accounts.access import user_has_role, user_is_platform_admin, user_is_staff_of
from medvirk.accounts.eligibility import Eligibility, check_eligibility
from medvirk.accounts.models import Role
from medvirk.participation.models import (
    Activity,
    Input,
    Method,
    PhaseKind,
    Visibility,
)
from medvirk.places.models import Municipality

ACTIVITY_ROLES = frozenset(
    {Role.COORDINATOR, Role.CASE_OFFICER, Role.PARTICIPATION_TEAM, Role.MUNICIPALITY_ADMIN}
)
MODERATION_ROLES = frozenset({Role.MODERATOR, Role.MUNICIPALITY_ADMIN})
ANSWER_ROLES = frozenset({Role.CASE_OFFICER, Role.MUNICIPALITY_ADMIN})


@dataclass(frozen=True)
class Decision:
    """Yes or no, with the reason shown to the person when it is no."""

    allowed: bool
    reason: str = ""
    # What the person can do to be let in (see medvirk.accounts.eligibility): "login",
    # "verify_email", "verify_identity", or empty.
    remedy: str = ""

    def __bool__(self) -> bool:
        return self.allowed


def eligibility_for(user: Any, *, activity: Activity) -> Eligibility:
    """Whether the person meets the activity's participation rule, residency and minimum
    age (see :func:`medvirk.accounts.eligibility.check_eligibility`)."""
    return check_eligibility(
        user,
        rule=activity.participation_rule,
        municipality=activity.municipality,
        district=activity.district,
        minimum_age=activity.minimum_age,
        residency=activity.residency,
    )


def access_activity_for_input(
    user: Any, *, activity: Activity, staff_registration: bool = False
) -> Decision:
    """May this person give input to the activity now? Only in the open phase; staff
    registering input on behalf of residents are not bound by the participation rule."""
    phase = activity.phase_on(timezone.localdate())
    if phase != PhaseKind.OPEN:
        if phase == PhaseKind.PLANNED:
            return Decision(False, _("This activity has not opened for input yet."))
        return Decision(False, _("This activity is closed for input."))
    if staff_registration:
        if user_can_register_input(user, activity=activity):
            return Decision(True)
        return Decision(False, _("Only the municipality's staff can register input."))
    eligibility = eligibility_for(user, activity=activity)
    return Decision(eligibility.allowed, eligibility.reason, eligibility.remedy)


def user_can_manage_activity(user: Any, *, activity: Activity) -> bool:
    """Coordinators of the activity's district, case officers and administrators."""
    if user_is_platform_admin(user):
        return True
    return user_has_role(
        user, roles=ACTIVITY_ROLES, municipality=activity.municipality, district=activity.district
    )


def user_can_start_activity(user: Any, *, municipality: Municipality) -> bool:
    """Staff who run activities: case officers, the participation team, administrators
    and any coordinator."""
    if user_is_platform_admin(user):
        return True
    return user_has_role(
        user,
        roles={Role.CASE_OFFICER, Role.PARTICIPATION_TEAM, Role.MUNICIPALITY_ADMIN},
        municipality=municipality,
    ) or _has_district_role(user, role=Role.COORDINATOR, municipality=municipality)


def _has_district_role(user: Any, *, role: str, municipality: Municipality) -> bool:
    from medvirk.accounts.access import _assignments

    return any(r == role and m == municipality.pk for r, m, _d in _assignments(user))


def user_can_register_input(user: Any, *, activity: Activity) -> bool:
    """Any staff of the municipality may register input from paper, phone or meetings."""
    return user_is_staff_of(user, municipality=activity.municipality)


def user_can_moderate(user: Any, *, municipality: Municipality) -> bool:
    return user_is_platform_admin(user) or user_has_role(
        user, roles=MODERATION_ROLES, municipality=municipality
    )


def user_can_see_contact(user: Any, *, activity: Activity) -> bool:
    """Contact details are for the staff who answer and moderate, of this municipality."""
    return user_is_platform_admin(user) or user_has_role(
        user, roles=ANSWER_ROLES | MODERATION_ROLES, municipality=activity.municipality
    )


def user_can_view_input(user: Any, *, input: Input, token: str = "") -> bool:
    """Published input is public; pending and hidden input is seen by its author, by
    whoever holds its private link, and by the municipality's moderators."""
    if input.visibility == Visibility.PUBLISHED:
        return True
    if token and token == input.private_token:
        return True
    if getattr(user, "is_authenticated", False) and input.author_id == user.pk:
        return True
    return user_can_moderate(user, municipality=input.activity.municipality)


def user_can_view_input_photo(user: Any, *, input: Input) -> bool:
    """The photo is shown where the input's text is: to everybody once the input is
    published; while it waits or after it is hidden, to its author and the moderators."""
    return user_can_view_input(user, input=input)


def user_can_use_method(user: Any, *, method: Method, municipality: Municipality) -> bool:
    """Installation methods and shared methods are for all; a private method for its
    own municipality."""
    return (
        method.municipality_id is None
        or method.is_shared
        or method.municipality_id == municipality.pk
    )


def user_can_add_method(user: Any, *, municipality: Municipality) -> bool:
    return user_can_start_activity(user, municipality=municipality)
