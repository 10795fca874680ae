"""Reads about participation budgets."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from medvirk.budgets.models import BudgetAuditEntry, Expense, ParticipationBudget
from medvirk.places.models import District


def budget_list(*, district: District) -> QuerySet[ParticipationBudget]:
    return ParticipationBudget.objects.filter(district=district).order_by("-year")


def budget_get(*, district: District, year: int) -> ParticipationBudget:
    try:
        return ParticipationBudget.objects.select_related("district__municipality").get(
            district=district, year=year
        )
    except ParticipationBudget.DoesNotExist as exc:
        raise Http404("budget") from exc


def budget_latest(*, district: District) -> ParticipationBudget | None:
    return budget_list(district=district).first()


def expense_list(*, budget: ParticipationBudget) -> QuerySet[Expense]:
    return (
        Expense.objects.filter(budget=budget)
        # the municipality is in the receipt's address
        .select_related("meeting", "approved_by", "budget__district__municipality")
        .order_by("date", "pk")
    )


def audit_log(*, budget: ParticipationBudget) -> QuerySet[BudgetAuditEntry]:
    return BudgetAuditEntry.objects.filter(budget=budget).select_related("actor")
