"""Admin building blocks: every model below a municipality is administered through
:class:`MunicipalityScopedAdmin`, so that a municipality administrator sees and edits
their own municipality's rows and nothing else. The outbox of e-mail is administered
here too, so that the staff see what failed and may send it again."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import get_fields_from_path
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from medvirk.accounts.access import (
    user_can_enter_back_office,
    user_is_platform_admin,
)
from medvirk.core.admin_scope import (
    PlatformOnlyPermissions,
    ScopedRelatedFieldListFilter,
    ensure_in_scope,
    managed_ids,
    municipality_id_of,
    scoped_form_class,
    scoped_formset_class,
)
from medvirk.core.mail import mail_send_again
from medvirk.core.models import AccessibilityFeedback, OutgoingMail


class MunicipalityScopedAdmin(admin.ModelAdmin):
    """``municipality_path`` is the lookup from the model to its municipality, for
    example ``"district__municipality"``; ``"pk"`` for the Municipality model itself.

    Rows are scoped (list, change, delete, history, actions, autocomplete all read
    :meth:`get_queryset`); every relation in the form and in its inlines offers the
    user's municipalities only and is checked again on save (see
    :mod:`medvirk.core.admin_scope`); list filters name the user's own rows only."""

    medvirk_scope = "municipality"
    municipality_path: str = "municipality"
    platform_only_add: bool = False

    def _managed_ids(self, request: HttpRequest) -> set[int]:
        return managed_ids(request)

    def _municipality_id_of(self, obj: models.Model) -> int | None:
        return municipality_id_of(obj, self.municipality_path)

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

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        return scoped_form_class(form, request=request, site=self.admin_site)

    def get_formsets_with_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            yield scoped_formset_class(formset, request=request, site=self.admin_site), inline

    def get_changelist_formset(self, request: HttpRequest, **kwargs: Any) -> Any:
        formset = super().get_changelist_formset(request, **kwargs)
        return scoped_formset_class(formset, request=request, site=self.admin_site)

    def get_list_filter(self, request: HttpRequest) -> Any:
        """Filters by a related row list the user's own municipality's rows only."""
        scoped: list[Any] = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str):
                field = get_fields_from_path(self.model, entry)[-1]
                if field.is_relation:
                    entry = (entry, ScopedRelatedFieldListFilter)
            elif isinstance(entry, tuple) and entry[1] is admin.RelatedFieldListFilter:
                entry = (entry[0], ScopedRelatedFieldListFilter)
            scoped.append(entry)
        return scoped

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        """No prepopulation for a field the user may not edit (it is not in the form)."""
        readonly = set(self.get_readonly_fields(request, obj))
        return {
            name: sources
            for name, sources in super().get_prepopulated_fields(request, obj).items()
            if name not in readonly
        }

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        ensure_in_scope(obj, request=request, site=self.admin_site)
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for inline_form in formset.forms:
            instance = inline_form.instance
            if inline_form.has_changed() and instance is not None:
                ensure_in_scope(instance, request=request, site=self.admin_site)
        super().save_formset(request, form, formset, change)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        """Bulk deletion (the admin action) reaches the user's rows only."""
        visible = self.get_queryset(request).values("pk")
        super().delete_queryset(request, queryset.filter(pk__in=visible))


class _ScopedInlinePermissions:
    """An inline row belongs to its parent: who may change the parent (in their own
    municipality, see :class:`MunicipalityScopedAdmin`) may add, change and delete its
    inline rows. Without this, Django's model permissions apply, which municipality
    administrators do not hold. The inline's relations are scoped by the parent admin."""

    medvirk_scope = "municipality"
    admin_site: Any
    parent_model: Any

    def _parent_admin(self) -> Any:
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(self._parent_admin().has_view_permission(request, obj))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(self._parent_admin().has_change_permission(request, obj))

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        parent = self._parent_admin()
        if obj is None:
            return bool(parent.has_add_permission(request))
        return bool(parent.has_change_permission(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(self._parent_admin().has_change_permission(request, obj))


class ScopedTabularInline(_ScopedInlinePermissions, admin.TabularInline):
    """A tabular inline of a :class:`MunicipalityScopedAdmin`."""


class ScopedStackedInline(_ScopedInlinePermissions, admin.StackedInline):
    """A stacked inline of a :class:`MunicipalityScopedAdmin`."""


class PlatformOnlyAdmin(PlatformOnlyPermissions, admin.ModelAdmin):
    """Installation-wide data (counties, indicators, imports): platform admins only."""


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


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(MunicipalityScopedAdmin):
    """Residents' reports of accessibility problems, for the municipality they chose.
    They come from the accessibility statement's form, never from here; the staff read
    them, answer by e-mail and mark them answered."""

    list_display = ["created_at", "page", "email", "is_answered"]
    list_filter = ["is_answered"]
    search_fields = ["page", "description", "email"]
    date_hierarchy = "created_at"
    list_select_related = ["municipality"]
    fields = [
        "municipality",
        "created_at",
        "page",
        "description",
        "email",
        "language",
        "is_answered",
    ]
    readonly_fields = ["municipality", "created_at", "page", "description", "email", "language"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
