from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medvirk.budgets import services
from medvirk.budgets.models import BudgetAuditEntry, ParticipationBudget
from medvirk.core.admin import MunicipalityScopedAdmin


@admin.register(ParticipationBudget)
class ParticipationBudgetAdmin(MunicipalityScopedAdmin):
    """Administrators set the yearly allocation here; the change goes through the
    service, so it is checked against what is spent and written to the audit log.
    Expenses are recorded on the coordinator's budget page."""

    municipality_path = "district__municipality"
    list_display = ["district", "year", "allocation", "spent"]
    list_filter = ["year", "district__municipality"]
    fields = ["district", "year", "allocation", "spent"]
    readonly_fields = ["spent"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["district", "year", "spent"] if obj else ["spent"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            services.budget_set_allocation(budget=obj, allocation=obj.allocation, by=request.user)
        else:
            services.budget_open(
                district=obj.district, year=obj.year, by=request.user, allocation=obj.allocation
            )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(BudgetAuditEntry)
class BudgetAuditEntryAdmin(MunicipalityScopedAdmin):
    municipality_path = "budget__district__municipality"
    list_display = ["at", "budget", "action", "actor"]
    readonly_fields = ["budget", "actor", "action", "at", "before", "after"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
