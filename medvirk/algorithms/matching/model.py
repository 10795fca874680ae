"""The inputs and output of matching."""

from __future__ import annotations

from dataclasses import dataclass, field

Slot = tuple[int, str]  # (weekday 0 = Monday, part of day: "morning", "afternoon", "evening")


def slots(days: object, times: object) -> frozenset[Slot]:
    """All (day, part of day) pairs of the given days and parts of day."""
    day_list = (
        [int(day) for day in days] if isinstance(days, list | tuple | set | frozenset) else []
    )
    time_list = [str(t) for t in times] if isinstance(times, list | tuple | set | frozenset) else []
    return frozenset((day, part) for day in day_list for part in time_list)


@dataclass(frozen=True)
class VolunteerProfile:
    id: int
    district_id: int | None = None
    interests: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    availability: frozenset[Slot] = frozenset()  # empty: not told
    is_available: bool = True
    current_groups: int = 0


@dataclass(frozen=True)
class Need:
    id: int
    theme: str
    open_places: int
    district_id: int | None = None  # None: the whole municipality
    wanted_skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    meets: frozenset[Slot] = frozenset()  # empty: not fixed yet
    members: frozenset[int] = frozenset()  # volunteer ids already in the group


@dataclass(frozen=True, order=True)
class Suggestion:
    """One volunteer for one need. ``reasons`` are codes a user interface can translate:
    ``interest``, ``district``, ``municipality``, ``time``, ``time_unknown``,
    ``skill:<code>`` and ``language:<code>``."""

    sort_key: tuple[float, int, int] = field(repr=False, compare=True)
    volunteer_id: int = field(compare=False)
    need_id: int = field(compare=False)
    score: float = field(compare=False)
    reasons: tuple[str, ...] = field(compare=False, default=())
