"""The budget summary on the district page."""

from __future__ import annotations

from django.http import HttpRequest

from medvirk.budgets import selectors
from medvirk.core.panels import Panel
from medvirk.places.models import District


def budget_panel(request: HttpRequest, district: District) -> Panel | None:
    budget = selectors.budget_latest(district=district)
    if budget is None:
        return None
    return Panel(
        "budgets/_district_panel.html",
        {
            "municipality": district.municipality,
            "district": district,
            "budget": budget,
            "expenses": list(selectors.expense_list(budget=budget).order_by("-date", "-pk")[:3]),
        },
    )
