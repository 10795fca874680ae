"""Back office for responses, decisions and reports, scoped to the municipality."""

from __future__ import annotations

from django.contrib import admin

from medvirk.core.admin import MunicipalityScopedAdmin
from medvirk.followup.models import Decision, Report, Response


@admin.register(Response)
class ResponseAdmin(MunicipalityScopedAdmin):
    municipality_path = "input__activity__municipality"
    list_display = ["input", "status", "answered_by", "answered_at"]
    list_filter = ["status"]
    raw_id_fields = ["input", "answered_by"]


@admin.register(Decision)
class DecisionAdmin(MunicipalityScopedAdmin):
    municipality_path = "activity__municipality"
    list_display = ["title", "activity", "decided_on", "decided_by", "reference"]
    raw_id_fields = ["activity", "inputs"]


@admin.register(Report)
class ReportAdmin(MunicipalityScopedAdmin):
    municipality_path = "activity__municipality"
    list_display = ["activity", "published_at"]
    raw_id_fields = ["activity", "published_by"]
