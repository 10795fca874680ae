"""The platform's own engagement measures, computed from its data (never typed in).

Each measure registers a function ``compute(municipality, period) -> list of (region,
value)`` where region is a :class:`~medvirk.places.models.Municipality` or a
:class:`~medvirk.places.models.District`, and the period is a year ("2026"). A measure
whose data does not exist on this installation has no function: it reports "no data
yet". :func:`medvirk.indicators.services.engagement_compute` writes the results as
observations with source "platform".
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medvirk.indicators.models import Direction
from medvirk.places.models import District, Municipality

Place = Municipality | District
Compute = Callable[[Municipality, str], list[tuple[Place, float]]]


@dataclass(frozen=True)
class EngagementMeasure:
    code: str
    name_nb: str
    name_nn: str
    name_en: str
    unit: str
    decimals: int
    direction: str
    compute: Compute | None
    needs: str  # what data the measure is computed from, for the "no data yet" note

    @property
    def has_data(self) -> bool:
        return self.compute is not None


def _model(label: str) -> Any | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _inputs(municipality: Municipality, period: str) -> list[Any]:
    model = _model("participation.Input")
    if model is None:
        return []
    return list(
        model.objects.filter(
            activity__municipality=municipality, created_at__year=int(period)
        ).select_related("activity__district", "response")
    )


def _by_place(municipality: Municipality, inputs: list[Any]) -> dict[Place, list[Any]]:
    groups: dict[Place, list[Any]] = defaultdict(list)
    for item in inputs:
        groups[municipality].append(item)
        district = item.activity.district
        if district is not None:
            groups[district].append(item)
    return groups


def inputs_per_1000(municipality: Municipality, period: str) -> list[tuple[Place, float]]:
    """Inputs received in the year per 1,000 inhabitants of the municipality or district
    (places without a population figure are left out)."""
    result: list[tuple[Place, float]] = []
    groups = _by_place(municipality, _inputs(municipality, period))
    for place, items in groups.items():
        if place.population:
            result.append((place, 1000 * len(items) / place.population))
    return result


def _answered_at(item: Any) -> Any | None:
    try:
        response = item.response
    except Exception:  # no response yet (RelatedObjectDoesNotExist)
        return None
    if response is None or not getattr(response, "answer", ""):
        return None
    return response.answered_at


def share_answered(municipality: Municipality, period: str) -> list[tuple[Place, float]]:
    """Per cent of the year's inputs that have a public answer."""
    groups = _by_place(municipality, _inputs(municipality, period))
    return [
        (place, 100 * sum(1 for i in items if _answered_at(i)) / len(items))
        for place, items in groups.items()
        if items
    ]


def median_days_to_answer(municipality: Municipality, period: str) -> list[tuple[Place, float]]:
    """Median days from an input to its public answer, over the answered inputs."""
    result: list[tuple[Place, float]] = []
    for place, items in _by_place(municipality, _inputs(municipality, period)).items():
        days = [
            max(0.0, (answered - item.created_at).total_seconds() / 86400)
            for item in items
            if (answered := _answered_at(item)) is not None
        ]
        if days:
            result.append((place, statistics.median(days)))
    return result


def meetings_held_share(municipality: Municipality, period: str) -> list[tuple[Place, float]]:
    """Committee meetings held in the year (not cancelled, already started) against the
    number the municipality's composition rules plan per committee (4 by default)."""
    committee_model = _model("localdemocracy.LocalCommittee")
    meeting_model = _model("localdemocracy.Meeting")
    rules_model = _model("localdemocracy.CompositionRules")
    if committee_model is None or meeting_model is None:
        return []
    rules = rules_model.objects.filter(municipality=municipality).first() if rules_model else None
    per_year = getattr(rules, "meetings_per_year", 4) or 4
    committees = list(
        committee_model.objects.filter(district__municipality=municipality).select_related(
            "district"
        )
    )
    if not committees:
        return []
    held: dict[int, int] = defaultdict(int)
    for committee_id in (
        meeting_model.objects.filter(
            committee__in=committees,
            kind="committee",
            starts_at__year=int(period),
            starts_at__lte=timezone.now(),
        )
        .exclude(status="cancelled")
        .values_list("committee_id", flat=True)
    ):
        held[committee_id] += 1
    by_district: dict[District, list[int]] = defaultdict(list)
    for committee in committees:
        by_district[committee.district].append(held.get(committee.pk, 0))
    result: list[tuple[Place, float]] = [
        (district, 100 * sum(counts) / (per_year * len(counts)))
        for district, counts in by_district.items()
    ]
    total = sum(held.get(c.pk, 0) for c in committees)
    result.append((municipality, 100 * total / (per_year * len(committees))))
    return result


def volunteers_per_group(municipality: Municipality, period: str) -> list[tuple[Place, float]]:
    """Members per working group, counting groups created and members joined by the end
    of the year."""
    group_model = _model("volunteering.WorkingGroup")
    membership_model = _model("volunteering.Membership")
    if group_model is None or membership_model is None:
        return []
    year = int(period)
    groups = list(
        group_model.objects.filter(
            municipality=municipality, created_at__year__lte=year
        ).select_related("district")
    )
    if not groups:
        return []
    members: dict[int, int] = defaultdict(int)
    for group_id in membership_model.objects.filter(
        group__in=groups, joined_at__year__lte=year
    ).values_list("group_id", flat=True):
        members[group_id] += 1
    by_district: dict[District, list[int]] = defaultdict(list)
    for group in groups:
        if group.district is not None:
            by_district[group.district].append(members.get(group.pk, 0))
    result: list[tuple[Place, float]] = [
        (district, sum(counts) / len(counts)) for district, counts in by_district.items()
    ]
    result.append((municipality, sum(members.get(g.pk, 0) for g in groups) / len(groups)))
    return result


def budget_used_share(municipality: Municipality, period: str) -> list[tuple[Place, float]]:
    """Share of the year's participation budget spent, per district and in all."""
    budget_model = _model("budgets.ParticipationBudget")
    if budget_model is None:
        return []
    budgets = list(
        budget_model.objects.filter(
            district__municipality=municipality, year=int(period)
        ).select_related("district")
    )
    result: list[tuple[Place, float]] = [
        (budget.district, float(100 * budget.spent / budget.allocation))
        for budget in budgets
        if budget.allocation > 0
    ]
    allocated = sum(budget.allocation for budget in budgets)
    if allocated > 0:
        spent = sum(budget.spent for budget in budgets)
        result.append((municipality, float(100 * spent / allocated)))
    return result


def room_occupancy(municipality: Municipality, period: str) -> list[tuple[Place, float]]:
    """Hours booked against hours open in the hubs' bookable rooms over the year, per
    district and in all (Horsens' "free premises that are full")."""
    from datetime import date

    from medvirk.bookings.selectors import occupancy_for_hubs
    from medvirk.places.models import Hub

    hubs = list(Hub.objects.filter(district__municipality=municipality).select_related("district"))
    if not hubs:
        return []
    year = int(period)
    occupancy = occupancy_for_hubs(hubs=hubs, start=date(year, 1, 1), end=date(year + 1, 1, 1))
    booked: dict[Place, float] = defaultdict(float)
    open_hours: dict[Place, float] = defaultdict(float)
    for hub in hubs:
        figures = occupancy[hub.pk]
        for place in (hub.district, municipality):
            booked[place] += figures.hours_booked
            open_hours[place] += figures.hours_open
    return [
        (place, 100 * min(booked[place] / hours, 1.0))
        for place, hours in open_hours.items()
        if hours > 0
    ]


def _available(label: str, compute: Compute) -> Compute | None:
    return compute if _model(label) is not None else None


def measures() -> list[EngagementMeasure]:
    """The registry, in display order. Evaluated when asked, so a measure lights up as
    soon as the app holding its data is installed."""
    return [
        EngagementMeasure(
            "platform.inputs_per_1000",
            "Innspill per 1 000 innbyggere",
            "Innspel per 1 000 innbyggjarar",
            "Inputs per 1,000 inhabitants",
            "per 1000",
            1,
            Direction.HIGHER_IS_BETTER,
            _available("participation.Input", inputs_per_1000),
            str(_("inputs")),
        ),
        EngagementMeasure(
            "platform.share_answered",
            "Andel innspill besvart",
            "Del innspel svara",
            "Share of inputs answered",
            "%",
            0,
            Direction.HIGHER_IS_BETTER,
            _available("followup.Response", share_answered),
            str(_("answers to inputs")),
        ),
        EngagementMeasure(
            "platform.median_days_to_answer",
            "Mediantid til svar (dager)",
            "Mediantid til svar (dagar)",
            "Median days to an answer",
            "dager",
            0,
            Direction.LOWER_IS_BETTER,
            _available("followup.Response", median_days_to_answer),
            str(_("answers to inputs")),
        ),
        EngagementMeasure(
            "platform.meetings_held_share",
            "Nærutvalgsmøter holdt av planlagte",
            "Nærutvalsmøte haldne av planlagde",
            "Committee meetings held against planned",
            "%",
            0,
            Direction.HIGHER_IS_BETTER,
            _available("localdemocracy.Meeting", meetings_held_share),
            str(_("committee meetings")),
        ),
        EngagementMeasure(
            "platform.budget_used_share",
            "Andel av medvirkningsbudsjettet brukt",
            "Del av medverknadsbudsjettet brukt",
            "Participation budget used",
            "%",
            0,
            Direction.NEUTRAL,
            _available("budgets.ParticipationBudget", budget_used_share),
            str(_("participation budgets")),
        ),
        EngagementMeasure(
            "platform.volunteers_per_group",
            "Frivillige per arbeidsgruppe",
            "Frivillige per arbeidsgruppe",
            "Volunteers per working group",
            "antall",
            1,
            Direction.HIGHER_IS_BETTER,
            _available("volunteering.Membership", volunteers_per_group),
            str(_("working groups and volunteers")),
        ),
        EngagementMeasure(
            "platform.room_occupancy",
            "Belegg i gratis lokaler",
            "Belegg i gratis lokale",
            "Occupancy of free rooms",
            "%",
            0,
            Direction.HIGHER_IS_BETTER,
            _available("bookings.Booking", room_occupancy),
            str(_("room bookings")),
        ),
    ]
