"""The back office: Django's admin, entered by platform and municipality administrators."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class MedvirkAdminSite(admin.AdminSite):
    site_header = _("medvirk back office")
    site_title = _("medvirk")
    index_title = _("Administration")

    def has_permission(self, request: HttpRequest) -> bool:
        from medvirk.accounts.access import user_can_enter_back_office

        return user_can_enter_back_office(request.user)

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        """An admin that says nothing about municipalities (Django's groups, the login
        log, the task results, ...) is for platform administrators only: a municipality
        administrator must never reach rows of the whole installation through it.
        medvirk's own admins declare ``medvirk_scope`` (see :mod:`medvirk.core.admin`)."""
        from medvirk.core.admin_scope import PlatformOnlyPermissions

        admin_class = admin_class or admin.ModelAdmin
        if not getattr(admin_class, "medvirk_scope", None):
            admin_class = type(admin_class.__name__, (PlatformOnlyPermissions, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)
