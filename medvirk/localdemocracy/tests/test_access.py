"""Access as a matrix of roles × objects: a coordinator of one district cannot manage
another; nobody reaches another municipality's committees; the central overview is for
municipality administrators and case officers."""

from __future__ import annotations

from typing import Any

import pytest

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.budgets.access import user_can_record_expense, user_can_see_ledger
from medvirk.budgets.models import ParticipationBudget
from medvirk.localdemocracy.access import (
    user_can_answer_referral,
    user_can_approve_minutes,
    user_can_ask_referral,
    user_can_manage_committee,
    user_can_see_central_overview,
)
from medvirk.localdemocracy.models import Referral
from medvirk.localdemocracy.tests.factories import (
    LocalCommitteeFactory,
    MeetingFactory,
    district_of,
    person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    here = LocalCommitteeFactory()
    municipality = here.district.municipality
    neighbour = LocalCommitteeFactory(district=district_of(municipality=municipality))
    elsewhere = LocalCommitteeFactory()
    people = {
        "anonymous": None,
        "resident": person(),
        "coordinator_here": user_with_role(Role.COORDINATOR, district=here.district),
        "coordinator_neighbour": user_with_role(Role.COORDINATOR, district=neighbour.district),
        "member_here": user_with_role(Role.COMMITTEE_MEMBER, district=here.district),
        "case_officer": user_with_role(Role.CASE_OFFICER, municipality=municipality),
        "moderator": user_with_role(Role.MODERATOR, municipality=municipality),
        "admin": user_with_role(Role.MUNICIPALITY_ADMIN, municipality=municipality),
        "admin_elsewhere": user_with_role(
            Role.MUNICIPALITY_ADMIN, municipality=elsewhere.district.municipality
        ),
    }
    return {"committee": here, "people": people}


EXPECTED = {
    #                        manage  approve ask    answer overview expense ledger
    "anonymous": (False, False, False, False, False, False, False),
    "resident": (False, False, False, False, False, False, False),
    "coordinator_here": (True, True, False, True, False, True, True),
    "coordinator_neighbour": (False, False, False, False, False, False, False),
    "member_here": (False, True, False, False, False, False, False),
    "case_officer": (False, False, True, False, True, False, True),
    "moderator": (False, False, False, False, False, False, False),
    "admin": (True, True, True, True, True, True, True),
    "admin_elsewhere": (False, False, False, False, False, False, False),
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_access_matrix(world: dict[str, Any], who: str) -> None:
    """Each role gets exactly the rights in the table, for this district's objects."""
    committee = world["committee"]
    user = world["people"][who]
    meeting = MeetingFactory(committee=committee)
    referral = Referral.objects.create(
        committee=committee, case_reference="1", title="Sak", question="?", deadline="2030-01-01"
    )
    budget = ParticipationBudget.objects.create(district=committee.district, year=2026)
    district = committee.district
    actual = (
        user_can_manage_committee(user, committee=committee),
        user_can_approve_minutes(user, meeting=meeting),
        user_can_ask_referral(user, district=district),
        user_can_answer_referral(user, referral=referral),
        user_can_see_central_overview(user, municipality=district.municipality),
        user_can_record_expense(user, budget=budget),
        user_can_see_ledger(user, budget=budget),
    )
    assert actual == EXPECTED[who]
