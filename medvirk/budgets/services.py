"""Writes about participation budgets. The ledger never goes below zero: every change
locks the budget row first (``select_for_update``), checks the balance, writes, and
records who did what, when, with the values before and after."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from medvirk.budgets.models import (
    DEFAULT_ALLOCATION,
    AuditAction,
    BudgetAuditEntry,
    Expense,
    ParticipationBudget,
)
from medvirk.core import uploads
from medvirk.localdemocracy.models import Meeting
from medvirk.localdemocracy.services import ALLOWED_DOCUMENT_TYPES, MAX_DOCUMENT_BYTES
from medvirk.places.models import District


def _kroner(value: Decimal) -> str:
    return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


def _budget_state(budget: ParticipationBudget) -> dict[str, Any]:
    return {
        "allocation": f"{Decimal(budget.allocation):.2f}",
        "spent": f"{Decimal(budget.spent):.2f}",
        "balance": f"{Decimal(budget.balance):.2f}",
    }


def _expense_state(expense: Expense) -> dict[str, Any]:
    return {
        "id": expense.pk,
        "date": expense.date.isoformat(),
        "amount": f"{Decimal(expense.amount):.2f}",
        "purpose": expense.purpose,
        "meeting": expense.meeting_id,
        "activity": expense.activity,
        "receipt": expense.receipt.name or "",
        "approved_by": expense.approved_by_id,
    }


def _audit(
    budget: ParticipationBudget,
    *,
    actor: Any,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    BudgetAuditEntry.objects.create(
        budget=budget,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        before=before,
        after=after,
    )


def budget_open(
    *, district: District, year: int, by: Any, allocation: Decimal | None = None
) -> ParticipationBudget:
    """Open a district's budget for a year (NOK 50,000 unless told otherwise). Opening an
    existing year returns it unchanged."""
    allocation = DEFAULT_ALLOCATION if allocation is None else allocation
    if allocation < 0:
        raise ValidationError({"allocation": _("The allocation cannot be negative.")})
    with transaction.atomic():
        budget, created = ParticipationBudget.objects.get_or_create(
            district=district, year=year, defaults={"allocation": allocation}
        )
        if created:
            _audit(
                budget,
                actor=by,
                action=AuditAction.BUDGET_CREATED,
                before=None,
                after=_budget_state(budget),
            )
    return budget


def budget_set_allocation(
    *, budget: ParticipationBudget, allocation: Decimal, by: Any
) -> ParticipationBudget:
    """Change the year's allocation; it can never drop below what is already spent."""
    with transaction.atomic():
        locked = ParticipationBudget.objects.select_for_update().get(pk=budget.pk)
        if allocation < locked.spent:
            raise ValidationError(
                {
                    "allocation": _(
                        "NOK %(spent)s is already spent, so the allocation cannot be lower "
                        "than that."
                    )
                    % {"spent": _kroner(locked.spent)}
                }
            )
        before = _budget_state(locked)
        locked.allocation = allocation
        locked.save(update_fields=["allocation", "updated_at"])
        _audit(
            locked,
            actor=by,
            action=AuditAction.ALLOCATION_CHANGED,
            before=before,
            after=_budget_state(locked),
        )
    return locked


def expense_record(
    *,
    budget: ParticipationBudget,
    date: date,
    amount: Decimal,
    purpose: str,
    by: Any,
    meeting: Meeting | None = None,
    activity: str = "",
    receipt: File | None = None,
) -> Expense:
    """Record an approved expense. One that would take the balance below zero is refused
    with the balance in the message, also when two are recorded at the same moment (the
    budget row is locked, and a database constraint backs it up)."""
    errors: dict[str, str] = {}
    if amount <= 0:
        errors["amount"] = _("The amount must be more than zero.")
    if not purpose.strip():
        errors["purpose"] = _("Say what the money was used for.")
    if date.year != budget.year:
        errors["date"] = _("The date must be in %(year)s, the budget's year.") % {
            "year": budget.year
        }
    if meeting is not None and meeting.committee.district_id != budget.district_id:
        errors["meeting"] = _("That meeting is in another district.")
    if receipt is not None:
        try:
            # Checked by content, re-encoded if an image, stored under a random name.
            receipt = uploads.document_clean(
                receipt, allowed=ALLOWED_DOCUMENT_TYPES, max_bytes=MAX_DOCUMENT_BYTES
            )
        except ValidationError as error:
            errors["receipt"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    refused = _(
        "NOK %(amount)s is more than the balance of NOK %(balance)s. The expense was not recorded."
    )
    try:
        with transaction.atomic():
            locked = ParticipationBudget.objects.select_for_update().get(pk=budget.pk)
            if amount > locked.balance:
                raise ValidationError(
                    {
                        "amount": refused
                        % {"amount": _kroner(amount), "balance": _kroner(locked.balance)}
                    }
                )
            before = _budget_state(locked)
            expense = Expense(
                budget=locked,
                date=date,
                amount=amount,
                purpose=purpose.strip(),
                meeting=meeting,
                activity=activity.strip(),
                approved_by=by,
            )
            if receipt is not None:
                expense.receipt.save(str(receipt.name), receipt, save=False)
            expense.save()
            ParticipationBudget.objects.filter(pk=locked.pk).update(spent=F("spent") + amount)
            locked.refresh_from_db(fields=["spent"])
            _audit(
                locked,
                actor=by,
                action=AuditAction.EXPENSE_RECORDED,
                before=before,
                after={**_budget_state(locked), "expense": _expense_state(expense)},
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"amount": refused % {"amount": _kroner(amount), "balance": _kroner(budget.balance)}}
        ) from exc
    return expense


def expense_remove(*, expense: Expense, by: Any) -> None:
    """Remove a wrongly recorded expense; the money returns to the balance and the audit
    log keeps the removed row."""
    with transaction.atomic():
        locked = ParticipationBudget.objects.select_for_update().get(pk=expense.budget_id)
        expense = Expense.objects.get(pk=expense.pk)
        before = {**_budget_state(locked), "expense": _expense_state(expense)}
        amount = expense.amount
        expense.delete()
        ParticipationBudget.objects.filter(pk=locked.pk).update(spent=F("spent") - amount)
        locked.refresh_from_db(fields=["spent"])
        _audit(
            locked,
            actor=by,
            action=AuditAction.EXPENSE_REMOVED,
            before=before,
            after=_budget_state(locked),
        )
