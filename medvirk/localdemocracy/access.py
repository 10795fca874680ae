"""Who may do what in local democracy. Built on ``medvirk.accounts.access``; a role in
one municipality never reaches another municipality's committees.

The central participation team has no role of its own yet: municipality administrators
and case officers of the municipality see the central overview.
"""

from __future__ import annotations

from typing import Any

from medvirk.accounts.access import (
    user_can_edit_district,
    user_can_manage_municipality,
    user_has_role,
    user_is_platform_admin,
)
from medvirk.accounts.models import Role
from medvirk.localdemocracy.models import AgendaItem, LocalCommittee, Meeting, Referral
from medvirk.places.models import District, Municipality

CENTRAL_TEAM_ROLES = frozenset({Role.MUNICIPALITY_ADMIN, Role.CASE_OFFICER})


def user_can_manage_committee(user: Any, *, committee: LocalCommittee) -> bool:
    """Plan meetings, build agendas, record attendance, write minutes, manage members:
    the district's coordinator and the municipality's administrators."""
    return user_can_edit_district(user, district=committee.district)


def user_can_manage_meeting(user: Any, *, meeting: Meeting) -> bool:
    return user_can_manage_committee(user, committee=meeting.committee)


def user_can_view_agenda_document(user: Any, *, item: AgendaItem) -> bool:
    """An agenda document is as public as its meeting: everybody's for a public meeting,
    else only for those who manage the meeting (as the meeting page itself)."""
    return item.meeting.is_public or user_can_manage_meeting(user, meeting=item.meeting)


def user_can_approve_minutes(user: Any, *, meeting: Meeting) -> bool:
    """The committee approves its minutes: its members (committee member role for the
    district) and the coordinator on its behalf."""
    district = meeting.committee.district
    return user_can_edit_district(user, district=district) or user_has_role(
        user,
        roles={Role.COMMITTEE_MEMBER},
        municipality=district.municipality,
        district=district,
    )


def user_can_ask_referral(user: Any, *, district: District) -> bool:
    """Case officers and administrators of the municipality refer cases to a committee."""
    municipality = district.municipality
    return user_can_manage_municipality(user, municipality=municipality) or user_has_role(
        user, roles={Role.CASE_OFFICER}, municipality=municipality
    )


def user_can_answer_referral(user: Any, *, referral: Referral) -> bool:
    """The coordinator records the committee's statement."""
    return user_can_edit_district(user, district=referral.committee.district)


def user_can_see_central_overview(user: Any, *, municipality: Municipality) -> bool:
    return user_is_platform_admin(user) or user_has_role(
        user, roles=CENTRAL_TEAM_ROLES, municipality=municipality
    )
