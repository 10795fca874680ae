"""Admin building blocks: every model below a municipality is administered through
:class:`MunicipalityScopedAdmin`, so that a municipality administrator sees and edits
their own municipality's rows and nothing else. The outbox of e-mail is administered
here too, so that the staff see what failed and may send it again."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from medvirk.accounts.access import (
    municipalities_managed_by,
    user_can_enter_back_office,
    user_is_platform_admin,
)
from medvirk.core.mail import mail_send_again
from medvirk.core.models import OutgoingMail


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


_OUTBOX_FIELDS = (
    "municipality",
    "to",
    "sender_name",
    "subject",
    "body",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "next_attempt_at",
    "sent_at",
)


@admin.register(OutgoingMail)
class OutgoingMailAdmin(MunicipalityScopedAdmin):
    """The outbox: what was sent, what waits, and what failed (with the error). Messages
    are written by the platform, never here; failed ones may be sent again."""

    list_display = ["created_at", "to", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    list_select_related = ["municipality"]
    actions = ["send_again"]
    fields = _OUTBOX_FIELDS
    readonly_fields = _OUTBOX_FIELDS

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Send the selected e-mail again"), permissions=["change"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutgoingMail]) -> None:
        count = mail_send_again(mails=queryset)
        skipped = queryset.count() - count
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail queued to be sent again.",
                "%(count)d e-mails queued to be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail was left alone: it is sent or being sent.",
                    "%(count)d e-mails were left alone: they are sent or being sent.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
