"""Back office for people and roles. Municipality administrators see and grant roles in
their own municipality only; platform administrators manage everything."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from medvirk.accounts.access import municipalities_managed_by, user_is_platform_admin
from medvirk.accounts.models import Role, RoleAssignment, User
from medvirk.core.admin import MunicipalityScopedAdmin


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "preferred_language")}),
        (_("Login with ID-porten"), {"fields": ("oidc_issuer", "oidc_subject")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        queryset = super().get_queryset(request)
        if user_is_platform_admin(request.user):
            return queryset
        managed = municipalities_managed_by(request.user)
        return queryset.filter(role_assignments__municipality__in=managed).distinct()

    def _platform_only(self, request: HttpRequest) -> bool:
        return user_is_platform_admin(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return municipalities_managed_by(request.user).exists()

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._platform_only(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._platform_only(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._platform_only(request)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(MunicipalityScopedAdmin):
    municipality_path = "municipality"
    list_display = ["user", "role", "municipality", "district", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user"]
    readonly_fields = ["granted_by", "granted_at"]

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """Only platform administrators may make platform administrators."""
        if db_field.name == "role" and not user_is_platform_admin(request.user):
            kwargs["choices"] = [c for c in Role.choices if c[0] != Role.PLATFORM_ADMIN]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.granted_by = request.user
        if obj.district_id:
            obj.municipality = obj.district.municipality
        super().save_model(request, obj, form, change)
