"""Who may do what with participation budgets. Built on ``medvirk.accounts.access``."""

from __future__ import annotations

from typing import Any

from medvirk.accounts.access import user_can_edit_district, user_can_manage_municipality
from medvirk.budgets.models import Expense, ParticipationBudget
from medvirk.localdemocracy.access import user_can_see_central_overview
from medvirk.places.models import District


def user_can_record_expense(user: Any, *, budget: ParticipationBudget) -> bool:
    """The district's coordinator and the municipality's administrators."""
    return user_can_edit_district(user, district=budget.district)


def user_can_set_allocation(user: Any, *, district: District) -> bool:
    return user_can_manage_municipality(user, municipality=district.municipality)


def user_can_see_ledger(user: Any, *, budget: ParticipationBudget) -> bool:
    """The full ledger (approvers, audit log, exports): the coordinator and the central
    team. Residents see the public summary."""
    return user_can_record_expense(user, budget=budget) or user_can_see_central_overview(
        user, municipality=budget.district.municipality
    )


def user_can_view_receipt(user: Any, *, expense: Expense) -> bool:
    """Receipts belong to the full ledger, not the public summary: only those who may
    see the ledger see them."""
    return user_can_see_ledger(user, budget=expense.budget)
