"""The back office: Django's admin, entered by platform and municipality administrators."""

from __future__ import annotations

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
