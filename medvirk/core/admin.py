"""Admin building blocks: every model below a municipality is administered through
:class:`MunicipalityScopedAdmin`, so that a municipality administrator sees and edits
their own municipality's rows and nothing else."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from medvirk.accounts.access import (
    municipalities_managed_by,
    user_can_enter_back_office,
    user_is_platform_admin,
)


class MunicipalityScopedAdmin(admin.ModelAdmin):
    """``municipality_path`` is the lookup from the model to its municipality, for
    example ``"district__municipality"``; ``"pk"`` for the Municipality model itself."""

    municipality_path: str = "municipality"
    platform_only_add: bool = False

    def _managed_ids(self, request: HttpRequest) -> set[int]:
        cached = getattr(request, "_managed_municipality_ids", None)
        if cached is None:
            cached = set(municipalities_managed_by(request.user).values_list("pk", flat=True))
            request._managed_municipality_ids = cached  # type: ignore[attr-defined]
        return cached

    def _municipality_id_of(self, obj: models.Model) -> int | None:
        value: Any = obj
        for part in self.municipality_path.split("__"):
            if value is None:
                return None
            value = getattr(value, part)
        if isinstance(value, models.Model):
            return int(value.pk)
        return int(value) if value is not None else None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if user_is_platform_admin(request.user):
            return queryset
        return queryset.filter(**{f"{self.municipality_path}__in": self._managed_ids(request)})

    def _may(self, request: HttpRequest, obj: models.Model | None) -> bool:
        if not user_can_enter_back_office(request.user):
            return False
        if user_is_platform_admin(request.user):
            return True
        if obj is None:
            return bool(self._managed_ids(request))
        return self._municipality_id_of(obj) in self._managed_ids(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may(request, None)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if self.platform_only_add:
            return user_is_platform_admin(request.user)
        return self._may(request, None)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """Offer only the managed municipality's rows in every drop-down."""
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is None or user_is_platform_admin(request.user):
            return field
        managed = self._managed_ids(request)
        related = db_field.related_model
        scope = _scope_of_related(related)
        queryset = getattr(field, "queryset", None)
        if scope is not None and queryset is not None:
            field.queryset = queryset.filter(**{f"{scope}__in": managed})
        return field


def _scope_of_related(model: type[models.Model]) -> str | None:
    """The lookup from a related model to its municipality, for the known place models."""
    from medvirk.places.models import District, Hub, Municipality, Room

    return {
        Municipality: "pk",
        District: "municipality",
        Hub: "district__municipality",
        Room: "hub__district__municipality",
    }.get(model)


class PlatformOnlyAdmin(admin.ModelAdmin):
    """Installation-wide reference data (counties, for example): platform admins only."""

    def _may(self, request: HttpRequest) -> bool:
        return user_is_platform_admin(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)
