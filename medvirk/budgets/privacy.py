"""What the budgets app holds about a person: staff work only, the expenses they
approved and the audit log of their changes (see :mod:`medvirk.core.privacy`)."""

from __future__ import annotations

from typing import Any

from medvirk.budgets.models import BudgetAuditEntry, Expense
from medvirk.core.privacy import Export, references

COVERS = frozenset({"budgets.Expense", "budgets.BudgetAuditEntry"})


def export(user: Any) -> Export:
    return {
        "budgets.Expense": references(
            user, Expense, "approved_by", ("budget", "date", "amount", "purpose")
        ),
        "budgets.BudgetAuditEntry": references(user, BudgetAuditEntry, "actor", ("action", "at")),
    }


def anonymise(user: Any, *, base_url: str = "") -> None:
    """Nothing to do: an approved expense protects the account from deletion (the
    approval must be kept under a name, see :func:`medvirk.core.privacy.deletion_blockers`),
    and audit entries keep the record of the change when their actor is gone."""
