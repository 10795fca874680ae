"""Back office for analyses and summaries, scoped to the municipality. Reviewing happens
on the insight pages; the back office shows what is stored."""

from __future__ import annotations

from django.contrib import admin

from medvirk.core.admin import MunicipalityScopedAdmin
from medvirk.insight.models import Analysis, Summary, SummaryEvent


@admin.register(Analysis)
class AnalysisAdmin(MunicipalityScopedAdmin):
    municipality_path = "activity__municipality"
    list_display = [
        "activity",
        "status",
        "percent",
        "input_count",
        "theme_count",
        "failure",
        "finished_at",
    ]
    list_filter = ["status"]
    raw_id_fields = ["activity", "requested_by"]


@admin.register(Summary)
class SummaryAdmin(MunicipalityScopedAdmin):
    municipality_path = "activity__municipality"
    list_display = ["activity", "status", "input_count", "published_at"]
    list_select_related = ["activity", "analysis"]
    list_filter = ["status"]
    raw_id_fields = ["activity", "analysis", "published_by"]


@admin.register(SummaryEvent)
class SummaryEventAdmin(MunicipalityScopedAdmin):
    municipality_path = "summary__activity__municipality"
    list_display = ["summary", "kind", "detail", "actor", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["summary", "actor"]
