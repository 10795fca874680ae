"""Back office for people and roles. Municipality administrators see and grant roles in
their own municipality only; platform administrators manage everything."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from medvirk.accounts.access import (
    municipalities_managed_by,
    user_is_platform_admin,
    users_visible_in_back_office,
)
from medvirk.accounts.models import Role, RoleAssignment, User
from medvirk.core.admin import MunicipalityScopedAdmin


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People are installation-wide. A municipality administrator sees (read only) the
    people who hold a role in their municipality, never the whole list; platform
    administrators manage everyone."""

    medvirk_scope = "people"
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
        visible = users_visible_in_back_office(request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=visible)

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


class RoleAssignmentForm(forms.ModelForm[RoleAssignment]):
    """Granting a role: the person is named by their exact e-mail address, so that a
    municipality administrator never browses the installation's people."""

    person_email = forms.EmailField(
        label=_("The person's e-mail address"),
        help_text=_("Write the exact e-mail address the person logs in with."),
        required=False,
    )

    class Meta:
        model = RoleAssignment
        fields = ["role", "municipality", "district"]

    def clean_person_email(self) -> str:
        email = (self.cleaned_data.get("person_email") or "").strip()
        if self.instance.pk is not None:
            return email
        if not email:
            raise forms.ValidationError(_("Write the person's e-mail address."))
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            raise forms.ValidationError(
                _(
                    "Nobody has logged in to medvirk with this e-mail address. Ask the "
                    "person to log in once, then grant the role."
                )
            )
        self.instance.user = person
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        district = cleaned.get("district")
        if district is not None:
            cleaned["municipality"] = district.municipality
        return cleaned


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(MunicipalityScopedAdmin):
    municipality_path = "municipality"
    form = RoleAssignmentForm
    list_display = ["user", "role", "municipality", "district", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name"]
    readonly_fields = ["user", "granted_by", "granted_at"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("person_email", "role", "municipality", "district")
        return ("user", "role", "municipality", "district", "granted_by", "granted_at")

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
