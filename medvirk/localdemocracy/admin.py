from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medvirk.core.admin import MunicipalityScopedAdmin, ScopedTabularInline
from medvirk.localdemocracy.models import (
    AgendaItem,
    CommitteeTerm,
    CompositionRules,
    Coordinator,
    CoordinatorContact,
    JoinInterest,
    LocalCommittee,
    Meeting,
    Membership,
    Referral,
    StandingCommittee,
)


@admin.register(StandingCommittee)
class StandingCommitteeAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "municipality", "sort_order"]
    list_filter = ["municipality"]


@admin.register(CommitteeTerm)
class CommitteeTermAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "municipality", "starts_on", "ends_on"]
    list_filter = ["municipality"]


@admin.register(CompositionRules)
class CompositionRulesAdmin(MunicipalityScopedAdmin):
    list_display = ["municipality", "total_members", "elected_members", "meetings_per_year"]


class MembershipInline(ScopedTabularInline):
    model = Membership
    extra = 0
    fields = [
        "person_name",
        "seat_kind",
        "role",
        "standing_committee",
        "organisation",
        "starts_on",
        "ends_on",
        "is_public",
    ]


@admin.register(LocalCommittee)
class LocalCommitteeAdmin(MunicipalityScopedAdmin):
    municipality_path = "district__municipality"
    list_display = ["name", "district", "term"]
    list_filter = ["district__municipality", "term"]
    inlines = [MembershipInline]


class ContactInline(ScopedTabularInline):
    model = CoordinatorContact
    extra = 0


@admin.register(Coordinator)
class CoordinatorAdmin(MunicipalityScopedAdmin):
    municipality_path = "district__municipality"
    list_display = ["name", "district", "email", "phone"]
    inlines = [ContactInline]


class AgendaItemInline(ScopedTabularInline):
    model = AgendaItem
    extra = 0
    readonly_fields = ["document"]  # uploads go through agenda_item_add's checks only


@admin.register(Meeting)
class MeetingAdmin(MunicipalityScopedAdmin):
    """Read-mostly: meetings are planned on the coordinator pages, where the room is
    booked; here they can be looked up."""

    municipality_path = "committee__district__municipality"
    list_display = ["title", "committee", "kind", "starts_at", "status"]
    list_filter = ["kind", "status", "committee__district__municipality"]
    readonly_fields = ["room", "booking", "starts_at", "ends_at"]
    inlines = [AgendaItemInline]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Referral)
class ReferralAdmin(MunicipalityScopedAdmin):
    municipality_path = "committee__district__municipality"
    list_display = ["case_reference", "title", "committee", "deadline", "status"]
    list_filter = ["status"]


@admin.register(JoinInterest)
class JoinInterestAdmin(MunicipalityScopedAdmin):
    municipality_path = "district__municipality"
    list_display = ["name", "district", "kind", "created_at"]
