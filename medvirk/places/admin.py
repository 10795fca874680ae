from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medvirk.accounts.access import user_is_platform_admin
from medvirk.core.admin import MunicipalityScopedAdmin, PlatformOnlyAdmin, ScopedTabularInline
from medvirk.places.models import (
    County,
    District,
    Hub,
    Municipality,
    Neighbourhood,
    OpeningHours,
    Postcode,
    Room,
)


@admin.register(County)
class CountyAdmin(PlatformOnlyAdmin):
    list_display = ["number", "name"]
    search_fields = ["name", "number"]


@admin.register(Municipality)
class MunicipalityAdmin(MunicipalityScopedAdmin):
    municipality_path = "pk"
    platform_only_add = True
    list_display = ["number", "name", "county", "population", "kostra_group", "is_participating"]
    list_filter = ["is_participating", "county", "written_form"]
    search_fields = ["name", "number"]
    prepopulated_fields = {"slug": ["name"]}
    exclude = ["boundary"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if user_is_platform_admin(request.user):
            return []
        return ["number", "slug", "county", "is_participating"]


class NeighbourhoodInline(ScopedTabularInline):
    model = Neighbourhood
    extra = 0


class PostcodeInline(ScopedTabularInline):
    model = Postcode
    extra = 0
    fields = ["code", "place", "municipality"]


@admin.register(District)
class DistrictAdmin(MunicipalityScopedAdmin):
    list_display = ["name", "municipality", "population", "sort_order"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [NeighbourhoodInline, PostcodeInline]


class OpeningHoursInline(ScopedTabularInline):
    model = OpeningHours
    extra = 0


class RoomInline(ScopedTabularInline):
    model = Room
    extra = 0


@admin.register(Hub)
class HubAdmin(MunicipalityScopedAdmin):
    municipality_path = "district__municipality"
    list_display = ["name", "kind", "district"]
    list_filter = ["kind", "district__municipality"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, RoomInline]


@admin.register(Room)
class RoomAdmin(MunicipalityScopedAdmin):
    municipality_path = "hub__district__municipality"
    list_display = ["name", "hub", "capacity", "is_bookable"]
    search_fields = ["name", "hub__name"]
