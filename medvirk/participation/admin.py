"""Back office for the toolbox, activities, drafts, surveys and the moderation audit.
A municipality administrator sees their own municipality's rows only; the audit of
moderation actions is read only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medvirk.core.admin import MunicipalityScopedAdmin, ScopedStackedInline, ScopedTabularInline
from medvirk.participation.models import (
    Activity,
    Contact,
    Document,
    Input,
    Method,
    ModerationAction,
    Phase,
    Question,
    Section,
)


@admin.register(Method)
class MethodAdmin(MunicipalityScopedAdmin):
    """A municipality's own methods; shared with other municipalities when ticked."""

    municipality_path = "municipality"
    list_display = ["name_nb", "slug", "effort", "input_kind", "municipality", "is_shared"]
    list_filter = ["effort", "is_shared"]
    search_fields = ["name_nb", "name_nn", "name_en", "slug"]


class PhaseInline(ScopedTabularInline):
    model = Phase
    extra = 0


class QuestionInline(ScopedTabularInline):
    model = Question
    extra = 0


@admin.register(Activity)
class ActivityAdmin(MunicipalityScopedAdmin):
    municipality_path = "municipality"
    list_display = ["title", "municipality", "district", "input_kind", "participation_rule"]
    list_filter = ["input_kind", "participation_rule", "moderation"]
    search_fields = ["title", "slug"]
    inlines = [PhaseInline, QuestionInline]
    raw_id_fields = ["created_by"]


class SectionInline(ScopedStackedInline):
    model = Section
    extra = 0


@admin.register(Document)
class DocumentAdmin(MunicipalityScopedAdmin):
    municipality_path = "activity__municipality"
    list_display = ["title", "activity", "version"]
    inlines = [SectionInline]


class ContactInline(ScopedStackedInline):
    model = Contact
    extra = 0


@admin.register(Input)
class InputAdmin(MunicipalityScopedAdmin):
    municipality_path = "activity__municipality"
    list_display = ["id", "activity", "kind", "channel", "visibility", "created_at"]
    list_filter = ["kind", "channel", "visibility"]
    search_fields = ["title", "text"]
    raw_id_fields = ["activity", "section", "author", "registered_by", "district"]
    readonly_fields = [
        "submission_key",
        "private_token",
        "fingerprint",
        "support_count",
        "flag_count",
        "photo",  # uploads go through input_submit's checks and re-encoding only
    ]
    inlines = [ContactInline]


@admin.register(ModerationAction)
class ModerationActionAdmin(MunicipalityScopedAdmin):
    municipality_path = "input__activity__municipality"
    list_display = ["created_at", "actor", "action", "input", "reason"]
    list_filter = ["action"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
