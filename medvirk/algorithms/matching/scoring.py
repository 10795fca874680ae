"""Scoring volunteers against needs, ranking and greedy assignment."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from medvirk.algorithms.matching.model import Need, Suggestion, VolunteerProfile

WEIGHTS = {
    "interest": 3.0,  # the volunteer is interested in the group's theme
    "district": 2.0,  # lives in (chose) the group's district
    "municipality": 1.0,  # the group or the volunteer is not tied to one district
    "time": 2.0,  # free when the group meets
    "time_unknown": 0.5,  # one side has not said when
    "skill": 1.0,  # per wanted skill, at most three
    "language": 1.0,  # speaks one of the group's languages
}
MAX_SKILLS = 3


def score(volunteer: VolunteerProfile, need: Need) -> Suggestion | None:
    """How well a volunteer fits a need, or None when they do not fit at all: they are
    not available, already a member, free only when the group does not meet, live in
    another district than the group's, or share neither its theme nor a wanted skill."""
    if not volunteer.is_available or volunteer.id in need.members:
        return None
    if (
        need.district_id is not None
        and volunteer.district_id is not None
        and volunteer.district_id != need.district_id
    ):
        return None
    reasons: list[str] = []
    total = 0.0
    if need.theme in volunteer.interests:
        reasons.append("interest")
        total += WEIGHTS["interest"]
    matching_skills = sorted(need.wanted_skills & volunteer.skills)
    if not reasons and not matching_skills:
        return None
    if need.meets and volunteer.availability:
        if not need.meets & volunteer.availability:
            return None
        reasons.append("time")
        total += WEIGHTS["time"]
    else:
        reasons.append("time_unknown")
        total += WEIGHTS["time_unknown"]
    if need.district_id is not None and volunteer.district_id == need.district_id:
        reasons.append("district")
        total += WEIGHTS["district"]
    else:
        reasons.append("municipality")
        total += WEIGHTS["municipality"]
    for skill in matching_skills[:MAX_SKILLS]:
        reasons.append(f"skill:{skill}")
        total += WEIGHTS["skill"]
    shared_languages = sorted(need.languages & volunteer.languages)
    if shared_languages:
        reasons.append(f"language:{shared_languages[0]}")
        total += WEIGHTS["language"]
    return Suggestion(
        sort_key=(-total, volunteer.current_groups, volunteer.id),
        volunteer_id=volunteer.id,
        need_id=need.id,
        score=total,
        reasons=tuple(reasons),
    )


def rank(
    need: Need, volunteers: Iterable[VolunteerProfile], *, limit: int | None = None
) -> list[Suggestion]:
    """Every fitting volunteer for the need, best first; ties go to the volunteer in
    fewer groups, then to the lower id, so the order is always the same."""
    suggestions = sorted(
        suggestion for volunteer in volunteers if (suggestion := score(volunteer, need)) is not None
    )
    return suggestions[:limit] if limit is not None else suggestions


def assign(
    needs: Sequence[Need],
    volunteers: Sequence[VolunteerProfile],
    *,
    max_needs_per_volunteer: int = 1,
) -> list[Suggestion]:
    """Fill several needs at once: take the best-scoring pairs first, give each need at
    most its open places and each volunteer at most ``max_needs_per_volunteer`` new
    needs. Returns the chosen pairs, best first."""
    pairs = sorted(
        (suggestion, need.id)
        for need in needs
        for volunteer in volunteers
        if (suggestion := score(volunteer, need)) is not None
    )
    places = {need.id: max(need.open_places, 0) for need in needs}
    taken: dict[int, int] = {}
    chosen: list[Suggestion] = []
    for suggestion, need_id in pairs:
        if places[need_id] <= 0:
            continue
        if taken.get(suggestion.volunteer_id, 0) >= max_needs_per_volunteer:
            continue
        places[need_id] -= 1
        taken[suggestion.volunteer_id] = taken.get(suggestion.volunteer_id, 0) + 1
        chosen.append(suggestion)
    return chosen
