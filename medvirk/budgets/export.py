"""The ledger of one budget as CSV and XLSX (openpyxl): one row per expense, then the
allocation, spent and balance."""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from medvirk.budgets.models import Expense, ParticipationBudget
from medvirk.core.csvexport import csv_text


def _header() -> list[str]:
    return [
        _("Date"),
        _("Amount (NOK)"),
        _("Purpose"),
        _("Meeting"),
        _("Activity"),
        _("Receipt"),
        _("Approved by"),
    ]


def _rows(expenses: Iterable[Expense]) -> list[list[object]]:
    return [
        [
            e.date,
            e.amount,
            e.purpose,
            e.meeting.title if e.meeting else "",
            e.activity,
            (e.receipt.name or "").rsplit("/", 1)[-1] if e.receipt else "",
            str(e.approved_by),
        ]
        for e in expenses
    ]


def _totals(budget: ParticipationBudget) -> list[tuple[str, Decimal]]:
    return [
        (_("Allocation"), budget.allocation),
        (_("Spent"), budget.spent),
        (_("Balance"), budget.balance),
    ]


def ledger_csv(*, budget: ParticipationBudget, expenses: Iterable[Expense]) -> str:
    """For people: BOM, ``;`` in nb/nn (see core.csvexport)."""
    body: list[list[object]] = [
        [v.isoformat() if hasattr(v, "isoformat") else v for v in row] for row in _rows(expenses)
    ]
    body.append([])
    body.extend([label, value] for label, value in _totals(budget))
    return csv_text(_header(), body)


def ledger_xlsx(*, budget: ParticipationBudget, expenses: Iterable[Expense]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = str(budget.year)
    sheet.append(_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(expenses):
        sheet.append(row)
        sheet.cell(row=sheet.max_row, column=2).number_format = "#,##0.00"
    sheet.append([])
    for label, value in _totals(budget):
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.cell(row=sheet.max_row, column=2).number_format = "#,##0.00"
    for column, width in zip("ABCDEFG", (12, 14, 40, 30, 24, 20, 24), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
