"""Matching volunteers to the needs of working groups."""

from __future__ import annotations

from medvirk.algorithms.matching import Need, VolunteerProfile, assign, rank, score
from medvirk.algorithms.matching.model import slots

FOOD = "food_and_community"
EVENINGS = slots([1, 3], ["evening"])


def volunteer(id: int, **kwargs: object) -> VolunteerProfile:
    defaults: dict[str, object] = {"district_id": 1, "interests": frozenset({FOOD})}
    defaults.update(kwargs)
    return VolunteerProfile(id=id, **defaults)


def need(id: int = 100, **kwargs: object) -> Need:
    defaults: dict[str, object] = {"theme": FOOD, "open_places": 2, "district_id": 1}
    defaults.update(kwargs)
    return Need(id=id, **defaults)


def test_interest_district_and_time_make_the_best_fit() -> None:
    """A volunteer interested in the theme, in the district and free when the group
    meets scores interest 3 + district 2 + time 2 = 7, with those reasons."""
    result = score(volunteer(1, availability=slots([1], ["evening"])), need(meets=EVENINGS))
    assert result is not None
    assert result.score == 7.0
    assert result.reasons == ("interest", "time", "district")


def test_who_does_not_fit() -> None:
    """Unavailable people, members, people in another district, people never free when
    the group meets, and people with neither the theme nor a wanted skill are left out."""
    group = need(meets=EVENINGS, members=frozenset({2}))
    assert score(volunteer(1, is_available=False), group) is None
    assert score(volunteer(2), group) is None
    assert score(volunteer(3, district_id=9), group) is None
    assert score(volunteer(4, availability=slots([0], ["morning"])), group) is None
    assert score(volunteer(5, interests=frozenset({"youth"})), group) is None


def test_a_wanted_skill_is_enough_without_the_theme() -> None:
    """A cook with no stated interest in the theme still fits a group wanting cooks."""
    result = score(
        volunteer(1, interests=frozenset(), skills=frozenset({"cooking", "driving"})),
        need(wanted_skills=frozenset({"cooking"})),
    )
    assert result is not None
    assert "skill:cooking" in result.reasons and "interest" not in result.reasons


def test_district_free_volunteers_and_groups_count_as_municipality_wide() -> None:
    """A volunteer without a district fits any group, with the smaller weight."""
    result = score(volunteer(1, district_id=None), need())
    assert result is not None and "municipality" in result.reasons
    assert result.score == 3.0 + 0.5 + 1.0


def test_rank_orders_by_score_then_fewer_groups_then_id() -> None:
    """Ties are broken by fewer current groups, then by id: the order is stable."""
    people = [
        volunteer(3),
        volunteer(2, current_groups=2),
        volunteer(1, current_groups=2),
        volunteer(4, skills=frozenset({"cooking"})),
    ]
    ranked = rank(need(wanted_skills=frozenset({"cooking"})), people)
    assert [s.volunteer_id for s in ranked] == [4, 3, 1, 2]
    assert [s.volunteer_id for s in rank(need(), people, limit=2)] == [3, 4]


def test_language_adds_to_the_score() -> None:
    """Speaking one of the group's languages adds one point."""
    plain = score(volunteer(1), need(languages=frozenset({"ar"})))
    speaker = score(
        volunteer(2, languages=frozenset({"ar", "no"})), need(languages=frozenset({"ar"}))
    )
    assert plain is not None and speaker is not None
    assert speaker.score == plain.score + 1.0
    assert "language:ar" in speaker.reasons


def test_assign_respects_open_places_and_one_group_per_volunteer() -> None:
    """Two needs, three volunteers: the one-place need takes its best volunteer, nobody
    is given twice, and no need is overfilled."""
    youth = need(id=200, theme="youth", open_places=1)
    food = need(id=100, open_places=5)
    people = [
        volunteer(1, interests=frozenset({FOOD, "youth"})),
        volunteer(2, interests=frozenset({"youth"})),
        volunteer(3),
    ]
    chosen = assign([food, youth], people)
    by_need: dict[int, list[int]] = {}
    for suggestion in chosen:
        by_need.setdefault(suggestion.need_id, []).append(suggestion.volunteer_id)
    assert len(by_need[200]) == 1
    assert sorted(v for ids in by_need.values() for v in ids) == [1, 2, 3]
    assert assign([need(open_places=0)], people) == []


def test_assign_allows_more_groups_per_volunteer_when_asked() -> None:
    """With max_needs_per_volunteer=2 one person may fill two needs."""
    person = volunteer(1, interests=frozenset({FOOD, "youth"}))
    chosen = assign([need(id=1), need(id=2, theme="youth")], [person], max_needs_per_volunteer=2)
    assert sorted(s.need_id for s in chosen) == [1, 2]
