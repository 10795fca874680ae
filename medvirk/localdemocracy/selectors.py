"""Reads about local democracy, each with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from medvirk.localdemocracy.models import (
    AgendaItem,
    CompositionRules,
    Coordinator,
    LocalCommittee,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Membership,
    Minutes,
    MinutesStatus,
    Referral,
    ReferralStatus,
    Registration,
    RegistrationStatus,
    StandingCommittee,
)
from medvirk.localdemocracy.services import RuleBreach, composition_check, composition_rules_for
from medvirk.places.models import District, Municipality


def _active_members() -> Prefetch[Any]:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(ends_on__isnull=True).select_related(
            "standing_committee"
        ),
        to_attr="active_members",
    )


def committee_current(*, district: District, on: date | None = None) -> LocalCommittee | None:
    """The committee whose term covers the day (today by default), else the latest."""
    on = on or timezone.localdate()
    committees = LocalCommittee.objects.filter(district=district).select_related(
        "term", "district__municipality"
    )
    return (
        committees.filter(term__starts_on__lte=on, term__ends_on__gte=on).first()
        or committees.order_by("-term__starts_on").first()
    )


def committee_get(*, district: District, pk: int) -> LocalCommittee:
    try:
        return LocalCommittee.objects.select_related("term", "district__municipality").get(
            district=district, pk=pk
        )
    except LocalCommittee.DoesNotExist as exc:
        raise Http404("committee") from exc


def membership_list(
    *, committee: LocalCommittee, public_only: bool = True, include_ended: bool = False
) -> QuerySet[Membership]:
    members = Membership.objects.filter(committee=committee).select_related("standing_committee")
    if public_only:
        members = members.filter(is_public=True)
    if not include_ended:
        members = members.filter(ends_on__isnull=True)
    return members.order_by("ends_on", "seat_kind", "person_name")


def coordinator_for(*, district: District) -> Coordinator | None:
    return (
        Coordinator.objects.select_related("hub")
        .prefetch_related("contacts")
        .filter(district=district)
        .first()
    )


def _meetings(district: District) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee__district=district).select_related(
        "room__hub", "committee"
    )


def meeting_list_upcoming(
    *, district: District, limit: int | None = None, public_only: bool = True
) -> list[Meeting]:
    meetings = (
        _meetings(district)
        .filter(ends_at__gte=timezone.now(), status=MeetingStatus.PLANNED)
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
    )
    if public_only:
        meetings = meetings.filter(is_public=True)
    return list(meetings[:limit] if limit else meetings)


def meeting_list_past(*, district: District, limit: int | None = None) -> list[Meeting]:
    meetings = (
        _meetings(district)
        .filter(ends_at__lt=timezone.now())
        .select_related("minutes")
        .order_by("-starts_at")
    )
    return list(meetings[:limit] if limit else meetings)


def meeting_get(*, district: District, pk: int) -> Meeting:
    try:
        return (
            _meetings(district)
            .select_related("committee__term", "committee__district__municipality", "booking")
            .prefetch_related(
                Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("number"))
            )
            .get(pk=pk)
        )
    except Meeting.DoesNotExist as exc:
        raise Http404("meeting") from exc


def meeting_seats(*, meeting: Meeting) -> dict[str, int | None]:
    """Confirmed and waiting registrations, and free places (None: no limit)."""
    counts = meeting.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    free = None if meeting.capacity is None else max(meeting.capacity - counts["confirmed"], 0)
    return {"confirmed": counts["confirmed"], "waiting": counts["waiting"], "free": free}


def minutes_of(meeting: Meeting) -> Minutes | None:
    try:
        return meeting.minutes
    except Minutes.DoesNotExist:
        return None


def minutes_recent(*, district: District, limit: int = 3) -> list[Minutes]:
    return list(
        Minutes.objects.filter(
            meeting__committee__district=district, status=MinutesStatus.PUBLISHED
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at")[:limit]
    )


def registration_by_token(*, district: District, token: str) -> Registration | None:
    return (
        Registration.objects.select_related("meeting")
        .filter(token=token, meeting__committee__district=district)
        .first()
    )


def referral_list(*, district: District, open_only: bool = False) -> QuerySet[Referral]:
    referrals = Referral.objects.filter(committee__district=district).select_related("committee")
    if open_only:
        referrals = referrals.filter(status=ReferralStatus.OPEN)
    return referrals.order_by("status", "deadline", "pk")


def referral_get(*, district: District, pk: int) -> Referral:
    try:
        return (
            referral_list(district=district)
            .select_related("committee__district__municipality")
            .get(pk=pk)
        )
    except Referral.DoesNotExist as exc:
        raise Http404("referral") from exc


def calendar_meetings(
    *, district: District, committee: LocalCommittee | None = None
) -> QuerySet[Meeting]:
    """Public meetings for an iCalendar feed (cancelled ones stay, marked cancelled)."""
    meetings = (
        _meetings(district)
        .filter(is_public=True)
        .select_related("committee__district__municipality")
    )
    if committee is not None:
        meetings = meetings.filter(committee=committee)
    return meetings


@dataclass
class YearPlan:
    year: int
    required: int
    meetings: list[Meeting]
    quarters_without_meeting: list[int]

    @property
    def planned(self) -> int:
        return len(self.meetings)

    @property
    def missing(self) -> int:
        return max(self.required - self.planned, 0)


def year_plan(*, committee: LocalCommittee, year: int) -> YearPlan:
    """The year's committee meetings against the rules (4 a year by default), and which
    quarters have none."""
    rules = composition_rules_for(municipality=committee.district.municipality)
    meetings = list(
        Meeting.objects.filter(
            committee=committee, kind=MeetingKind.COMMITTEE, starts_at__year=year
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("room__hub", "minutes")
        .order_by("starts_at")
    )
    quarters = {(timezone.localtime(m.starts_at).month - 1) // 3 + 1 for m in meetings}
    missing = [q for q in (1, 2, 3, 4) if q not in quarters] if rules.meetings_per_year >= 4 else []
    return YearPlan(
        year=year,
        required=rules.meetings_per_year,
        meetings=meetings,
        quarters_without_meeting=missing,
    )


@dataclass
class DistrictOverview:
    district: District
    committee: LocalCommittee | None
    coordinator: Coordinator | None
    meetings_required: int
    meetings_planned: int = 0
    meetings_held: int = 0
    referrals: int = 0
    referrals_on_time: int = 0
    referrals_open: int = 0
    referrals_overdue: int = 0
    allocation: Decimal | None = None
    spent: Decimal | None = None
    breaches: list[RuleBreach] = field(default_factory=list)

    @property
    def used_percent(self) -> int | None:
        if not self.allocation or self.spent is None:
            return None
        return round(self.spent * 100 / self.allocation)


def central_overview(*, municipality: Municipality, year: int) -> list[DistrictOverview]:
    """All districts side by side: meetings held against planned, referrals answered on
    time, budget used, composition gaps, and each coordinator with contacts. A fixed
    number of queries, whatever the number of districts."""
    from medvirk.budgets.models import ParticipationBudget

    today = timezone.localdate()
    now = timezone.now()
    districts = list(
        District.objects.filter(municipality=municipality).order_by("sort_order", "name")
    )
    try:
        rules = CompositionRules.objects.get(municipality=municipality)
    except CompositionRules.DoesNotExist:
        rules = composition_rules_for(municipality=municipality)
    committees: dict[int, LocalCommittee] = {}
    for current in (
        LocalCommittee.objects.filter(
            district__municipality=municipality,
            term__starts_on__lte=today,
            term__ends_on__gte=today,
        )
        .select_related("term", "district__municipality")
        .prefetch_related(_active_members())
    ):
        committees[current.district_id] = current
    coordinators = {
        c.district_id: c
        for c in Coordinator.objects.filter(district__municipality=municipality)
        .select_related("hub")
        .prefetch_related("contacts")
    }
    standing = list(StandingCommittee.objects.filter(municipality=municipality))
    meeting_counts = {
        counted["committee__district"]: counted
        for counted in Meeting.objects.filter(
            committee__district__municipality=municipality,
            kind=MeetingKind.COMMITTEE,
            starts_at__year=year,
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .values("committee__district")
        .annotate(planned=Count("pk"), held=Count("pk", filter=Q(ends_at__lt=now)))
    }
    referral_counts: dict[int, dict[str, int]] = {}
    for ref in Referral.objects.filter(
        committee__district__municipality=municipality, created_at__year=year
    ).values("committee__district", "status", "deadline", "answered_at"):
        counts = referral_counts.setdefault(
            ref["committee__district"], {"total": 0, "on_time": 0, "open": 0, "overdue": 0}
        )
        counts["total"] += 1
        if ref["status"] == ReferralStatus.ANSWERED and ref["answered_at"] is not None:
            counts["on_time"] += timezone.localdate(ref["answered_at"]) <= ref["deadline"]
        elif ref["status"] == ReferralStatus.OPEN:
            counts["open"] += 1
            counts["overdue"] += ref["deadline"] < today
    budgets = {
        b.district_id: b
        for b in ParticipationBudget.objects.filter(district__municipality=municipality, year=year)
    }
    rows = []
    for district in districts:
        committee = committees.get(district.pk)
        row = DistrictOverview(
            district=district,
            committee=committee,
            coordinator=coordinators.get(district.pk),
            meetings_required=rules.meetings_per_year,
        )
        meeting_count = meeting_counts.get(district.pk)
        if meeting_count:
            row.meetings_planned = meeting_count["planned"]
            row.meetings_held = meeting_count["held"]
        referral = referral_counts.get(district.pk)
        if referral:
            row.referrals = referral["total"]
            row.referrals_on_time = referral["on_time"]
            row.referrals_open = referral["open"]
            row.referrals_overdue = referral["overdue"]
        budget = budgets.get(district.pk)
        if budget is not None:
            row.allocation = budget.allocation
            row.spent = budget.spent
        if committee is not None:
            committee.district = district
            district.municipality = municipality
            row.breaches = composition_check(
                committee=committee,
                memberships=committee.active_members,  # type: ignore[attr-defined]
                standing_committees=standing,
                rules=rules,
            )
        rows.append(row)
    return rows
