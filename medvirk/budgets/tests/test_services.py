"""The participation budget ledger: never below zero, also under concurrency, and every
change in the audit log."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from medvirk.budgets import services
from medvirk.budgets.models import AuditAction, BudgetAuditEntry, Expense, ParticipationBudget
from medvirk.localdemocracy.tests.factories import district_of, person
from medvirk.testing.race import race

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget() -> ParticipationBudget:
    return services.budget_open(district=district_of(), year=timezone.localdate().year, by=person())


def test_budget_opens_with_drammens_default_and_is_audited(budget: ParticipationBudget) -> None:
    """A new budget holds NOK 50,000, and its creation is in the audit log."""
    assert budget.allocation == Decimal("50000.00")
    entry = BudgetAuditEntry.objects.get(budget=budget)
    assert entry.action == AuditAction.BUDGET_CREATED
    assert entry.before is None and (entry.after or {})["allocation"] == "50000.00"


def test_expense_reduces_balance_and_audit_keeps_before_and_after(
    budget: ParticipationBudget,
) -> None:
    """Recording an expense moves it from balance to spent; the log says who, what,
    before and after."""
    actor = person()
    services.expense_record(
        budget=budget,
        date=timezone.localdate(),
        amount=Decimal("1200"),
        purpose="Servering",
        by=actor,
    )
    budget.refresh_from_db()
    assert budget.spent == Decimal("1200.00") and budget.balance == Decimal("48800.00")
    entry = BudgetAuditEntry.objects.filter(action=AuditAction.EXPENSE_RECORDED).get()
    assert entry.actor == actor
    assert (entry.before or {})["spent"] == "0.00"
    assert (entry.after or {})["spent"] == "1200.00" and (entry.after or {})["expense"][
        "purpose"
    ] == "Servering"


def test_expense_over_the_balance_is_refused_and_nothing_saved(
    budget: ParticipationBudget,
) -> None:
    """An expense larger than the balance is refused with the balance in the message."""
    with pytest.raises(ValidationError) as error:
        services.expense_record(
            budget=budget,
            date=timezone.localdate(),
            amount=Decimal("50000.01"),
            purpose="For mye",
            by=person(),
        )
    assert "balance" in str(error.value.message_dict["amount"]) or "saldo" in str(
        error.value.message_dict["amount"]
    )
    assert not Expense.objects.exists()
    budget.refresh_from_db()
    assert budget.spent == 0
    assert BudgetAuditEntry.objects.count() == 1


def test_bad_expense_input_gets_field_messages(budget: ParticipationBudget) -> None:
    """Zero amount, empty purpose and a date outside the year are each explained."""
    with pytest.raises(ValidationError) as error:
        services.expense_record(
            budget=budget,
            date=timezone.localdate().replace(year=2001),
            amount=Decimal("0"),
            purpose=" ",
            by=person(),
        )
    assert set(error.value.message_dict) == {"amount", "purpose", "date"}


def test_allocation_cannot_drop_below_spent(budget: ParticipationBudget) -> None:
    """Lowering the allocation under what is spent is refused; a valid change is logged."""
    actor = person()
    services.expense_record(
        budget=budget,
        date=timezone.localdate(),
        amount=Decimal("30000"),
        purpose="Festival",
        by=actor,
    )
    with pytest.raises(ValidationError):
        services.budget_set_allocation(budget=budget, allocation=Decimal("29999"), by=actor)
    services.budget_set_allocation(budget=budget, allocation=Decimal("60000"), by=actor)
    entry = BudgetAuditEntry.objects.filter(action=AuditAction.ALLOCATION_CHANGED).get()
    assert (entry.before or {})["allocation"] == "50000.00" and (entry.after or {})[
        "allocation"
    ] == "60000.00"


def test_removing_an_expense_returns_the_money_and_logs_the_row(
    budget: ParticipationBudget,
) -> None:
    """A removed expense is gone from the ledger, its amount is back, and the log keeps
    the removed row."""
    actor = person()
    expense = services.expense_record(
        budget=budget, date=timezone.localdate(), amount=Decimal("500"), purpose="Feil", by=actor
    )
    services.expense_remove(expense=expense, by=actor)
    budget.refresh_from_db()
    assert budget.spent == 0
    entry = BudgetAuditEntry.objects.filter(action=AuditAction.EXPENSE_REMOVED).get()
    assert (entry.before or {})["expense"]["purpose"] == "Feil"


@pytest.mark.django_db(transaction=True)
def test_two_racing_expenses_cannot_overspend() -> None:
    """Two expenses of NOK 30,000 recorded at the same moment against NOK 50,000: exactly
    one is recorded, the other refused; the balance never goes below zero."""
    actor = person()
    budget = services.budget_open(district=district_of(), year=timezone.localdate().year, by=actor)

    def record() -> None:
        services.expense_record(
            budget=budget,
            date=timezone.localdate(),
            amount=Decimal("30000"),
            purpose="Samtidig",
            by=actor,
        )

    outcomes = race(record, record)
    assert sorted(outcomes) == ["ok", "refused"]
    budget.refresh_from_db()
    assert budget.spent == Decimal("30000.00")
    assert Expense.objects.count() == 1
    assert connection.vendor in {"sqlite", "postgresql"}


def test_receipt_is_kept_and_a_wrong_file_type_refused(
    budget: ParticipationBudget, settings: Any, tmp_path: Any
) -> None:
    """A PDF receipt is stored with the expense; an .exe is refused and nothing saved."""
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as error:
        services.expense_record(
            budget=budget,
            date=timezone.localdate(),
            amount=Decimal("10"),
            purpose="Kake",
            by=person(),
            receipt=SimpleUploadedFile("kvittering.exe", b"MZ"),
        )
    assert "receipt" in error.value.message_dict
    assert not Expense.objects.exists()
    expense = services.expense_record(
        budget=budget,
        date=timezone.localdate(),
        amount=Decimal("10"),
        purpose="Kake",
        by=person(),
        receipt=SimpleUploadedFile("kvittering.pdf", b"%PDF-1.4"),
    )
    assert expense.receipt.name.endswith(".pdf")
