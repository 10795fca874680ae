"""Who may do what, as a matrix of roles × phases."""

from __future__ import annotations

import pytest

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import UserFactory, user_with_role
from medvirk.followup.access import user_can_answer
from medvirk.participation import access
from medvirk.participation.models import ParticipationRule, PhaseKind
from medvirk.participation.tests.factories import make_activity
from medvirk.places.tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db

PHASES = [k.value for k in PhaseKind]


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("who", ["anonymous", "resident", "case_officer", "moderator"])
def test_only_the_open_phase_takes_input(phase: str, who: str) -> None:
    """Nobody gives input outside the open phase, whatever their role; in the open phase
    anyone may, when the activity lets anyone take part."""
    from django.contrib.auth.models import AnonymousUser

    activity = make_activity(phase=phase)
    municipality = activity.municipality
    user = {
        "anonymous": AnonymousUser(),
        "resident": UserFactory(),
        "case_officer": user_with_role(Role.CASE_OFFICER, municipality=municipality),
        "moderator": user_with_role(Role.MODERATOR, municipality=municipality),
    }[who]
    decision = access.access_activity_for_input(user, activity=activity)
    assert bool(decision) is (phase == PhaseKind.OPEN)
    if not decision:
        assert decision.reason


@pytest.mark.parametrize(
    ("rule", "anonymous", "resident"),
    [
        (ParticipationRule.ANYONE, True, True),
        (ParticipationRule.LOGGED_IN, False, True),
        (ParticipationRule.VERIFIED, False, False),
    ],
)
def test_participation_rule(rule: str, anonymous: bool, resident: bool) -> None:
    """Anyone; logged-in users only; verified residents only (nobody is verified yet, so
    such an activity refuses input with a clear reason)."""
    from django.contrib.auth.models import AnonymousUser

    activity = make_activity(participation_rule=rule)
    assert bool(access.access_activity_for_input(AnonymousUser(), activity=activity)) is anonymous
    decision = access.access_activity_for_input(UserFactory(), activity=activity)
    assert bool(decision) is resident
    if rule == ParticipationRule.VERIFIED:
        assert "verified" in decision.reason.lower() or "bekreft" in decision.reason.lower()


@pytest.mark.parametrize(
    ("role", "answers", "moderates", "registers"),
    [
        (Role.CASE_OFFICER, True, False, True),
        (Role.MUNICIPALITY_ADMIN, True, True, True),
        (Role.MODERATOR, False, True, True),
        (None, False, False, False),
    ],
)
def test_staff_roles_in_own_and_other_municipality(
    role: str | None, answers: bool, moderates: bool, registers: bool
) -> None:
    """An answer is given only by case officers and administrators of the activity's
    municipality; moderators moderate their municipality; staff register input. None of
    it reaches another municipality."""
    activity = make_activity()
    municipality = activity.municipality
    other = DistrictFactory().municipality
    user = user_with_role(role, municipality=municipality) if role else UserFactory()
    stranger = user_with_role(role, municipality=other) if role else UserFactory()
    assert user_can_answer(user, activity=activity) is answers
    assert access.user_can_moderate(user, municipality=municipality) is moderates
    assert access.user_can_register_input(user, activity=activity) is registers
    assert user_can_answer(stranger, activity=activity) is False
    assert access.user_can_moderate(stranger, municipality=municipality) is False
    assert access.user_can_register_input(stranger, activity=activity) is False
    assert access.user_can_see_contact(stranger, activity=activity) is False


def test_coordinator_manages_own_district_only() -> None:
    """A coordinator manages the activities of their own district, not another's."""
    activity = make_activity()
    coordinator = user_with_role(Role.COORDINATOR, district=activity.district)
    other = user_with_role(
        Role.COORDINATOR, district=DistrictFactory(municipality=activity.municipality)
    )
    assert access.user_can_manage_activity(coordinator, activity=activity)
    assert not access.user_can_manage_activity(other, activity=activity)
    assert access.user_can_start_activity(coordinator, municipality=activity.municipality)


@pytest.mark.parametrize("phase", PHASES)
def test_staff_registration_follows_the_phase(phase: str) -> None:
    """Staff register input on behalf of residents only while the activity is open, and
    regardless of the participation rule."""
    activity = make_activity(phase=phase, participation_rule=ParticipationRule.VERIFIED)
    officer = user_with_role(Role.CASE_OFFICER, municipality=activity.municipality)
    decision = access.access_activity_for_input(officer, activity=activity, staff_registration=True)
    assert bool(decision) is (phase == PhaseKind.OPEN)


def test_participation_team_runs_activities_in_every_district() -> None:
    """The central participation team starts and manages activities in any district of
    its municipality, registers input, but neither answers nor moderates, and reaches
    nothing in another municipality."""
    activity = make_activity()
    team = user_with_role(Role.PARTICIPATION_TEAM, municipality=activity.municipality)
    elsewhere = make_activity()
    assert access.user_can_start_activity(team, municipality=activity.municipality)
    assert access.user_can_manage_activity(team, activity=activity)
    assert access.user_can_register_input(team, activity=activity)
    assert not user_can_answer(team, activity=activity)
    assert not access.user_can_moderate(team, municipality=activity.municipality)
    assert not access.user_can_manage_activity(team, activity=elsewhere)
    assert not access.user_can_start_activity(team, municipality=elsewhere.municipality)
