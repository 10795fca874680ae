from __future__ import annotations

from django.contrib import admin

from medvirk.core.admin import MunicipalityScopedAdmin, PlatformOnlyAdmin
from medvirk.indicators.models import (
    ExperienceEntry,
    FiscalRule,
    ImportJob,
    Indicator,
    Observation,
    Region,
    SdgMapping,
)


@admin.register(Indicator)
class IndicatorAdmin(PlatformOnlyAdmin):
    list_display = ["code", "name_nb", "theme", "unit", "direction", "source"]
    list_filter = ["source", "direction", "theme"]
    search_fields = ["code", "name_nb", "name_nn", "name_en"]


@admin.register(Region)
class RegionAdmin(PlatformOnlyAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


@admin.register(Observation)
class ObservationAdmin(PlatformOnlyAdmin):
    list_display = ["indicator", "region", "period", "value", "status", "source"]
    list_select_related = ["indicator", "region"]
    search_fields = ["indicator__code", "region__code"]
    raw_id_fields = ["indicator", "region"]


@admin.register(ImportJob)
class ImportJobAdmin(PlatformOnlyAdmin):
    list_display = ["filename", "file_format", "status", "processed", "total", "created_at"]
    exclude = ["content"]
    readonly_fields = ["status", "processed", "total", "created_count", "updated_count", "message"]


@admin.register(FiscalRule)
class FiscalRuleAdmin(MunicipalityScopedAdmin):
    list_display = [
        "name",
        "municipality",
        "indicator",
        "comparison",
        "threshold",
        "target_threshold",
        "target_year",
    ]
    list_filter = ["municipality"]
    raw_id_fields = ["indicator"]


@admin.register(SdgMapping)
class SdgMappingAdmin(MunicipalityScopedAdmin):
    list_display = ["goal", "indicator", "municipality"]
    list_filter = ["goal"]
    raw_id_fields = ["indicator"]


@admin.register(ExperienceEntry)
class ExperienceEntryAdmin(MunicipalityScopedAdmin):
    list_display = ["title", "municipality", "theme", "is_published", "is_demo"]
    list_filter = ["is_published", "theme"]
    search_fields = ["title", "challenge"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["indicators"]
