"""The district participation budget: a yearly allocation per district, the expenses paid
from it, and an audit log of every change.

The ledger never goes below zero: ``spent`` is kept on the budget row, changed only while
the row is locked (see ``services.py``), and a database constraint refuses any row where
it exceeds the allocation.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from medvirk.core.models import TimeStampedModel
from medvirk.localdemocracy.models import Meeting
from medvirk.places.models import District

DEFAULT_ALLOCATION = Decimal("50000.00")


class ParticipationBudget(TimeStampedModel):
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        related_name="participation_budgets",
        verbose_name=_("district"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    allocation = models.DecimalField(
        _("allocation (NOK)"),
        max_digits=12,
        decimal_places=2,
        default=DEFAULT_ALLOCATION,
        validators=[MinValueValidator(Decimal("0"))],
    )
    spent = models.DecimalField(
        _("spent (NOK)"), max_digits=12, decimal_places=2, default=Decimal("0"), editable=False
    )

    class Meta:
        ordering = ["district__sort_order", "-year"]
        verbose_name = _("participation budget")
        verbose_name_plural = _("participation budgets")
        constraints = [
            models.UniqueConstraint(fields=["district", "year"], name="budget_unique_year"),
            models.CheckConstraint(condition=models.Q(spent__gte=0), name="budget_spent_positive"),
            models.CheckConstraint(
                condition=models.Q(spent__lte=models.F("allocation")),
                name="budget_never_below_zero",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.year}"

    @property
    def balance(self) -> Decimal:
        return self.allocation - self.spent

    @property
    def used_percent(self) -> int:
        if not self.allocation:
            return 0
        return round(self.spent * 100 / self.allocation)


def receipt_path(instance: Expense, filename: str) -> str:
    return f"budgets/receipts/{instance.budget_id}/{filename}"


class Expense(TimeStampedModel):
    budget = models.ForeignKey(
        ParticipationBudget,
        on_delete=models.PROTECT,
        related_name="expenses",
        verbose_name=_("budget"),
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (NOK)"), max_digits=12, decimal_places=2)
    purpose = models.CharField(_("purpose"), max_length=200)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenses",
        verbose_name=_("meeting"),
    )
    activity = models.CharField(
        _("activity"),
        max_length=200,
        blank=True,
        help_text=_("The activity it paid for, if not a meeting."),
    )
    receipt = models.FileField(_("receipt"), upload_to=receipt_path, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="expense_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.purpose}"

    @property
    def receipt_name(self) -> str:
        """The receipt's name for people (the stored name is random)."""
        if not self.receipt:
            return ""
        extension = PurePosixPath(self.receipt.name or "").suffix.lower()
        return f"kvittering-{self.date:%Y-%m-%d}-{self.pk}{extension}"

    @property
    def receipt_url(self) -> str:
        """Where the receipt is served, after the access check (see medvirk.core.media)."""
        from medvirk.core.media import stored_file_url

        return stored_file_url(self, "receipt")


class AuditAction(models.TextChoices):
    BUDGET_CREATED = "budget_created", _("Budget created")
    ALLOCATION_CHANGED = "allocation_changed", _("Allocation changed")
    EXPENSE_RECORDED = "expense_recorded", _("Expense recorded")
    EXPENSE_REMOVED = "expense_removed", _("Expense removed")


class BudgetAuditEntry(models.Model):
    """One change to a budget: who, what, when, before and after. Never edited."""

    budget = models.ForeignKey(
        ParticipationBudget,
        on_delete=models.CASCADE,
        related_name="audit_entries",
        verbose_name=_("budget"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("what"), max_length=30, choices=AuditAction.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"
