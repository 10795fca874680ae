"""Municipality administrators set composition rules, standing committees, terms and
the yearly budget per district in the back office, for their own municipality only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from medvirk.accounts.models import Role
from medvirk.accounts.tests.factories import user_with_role
from medvirk.budgets.models import AuditAction, BudgetAuditEntry, ParticipationBudget
from medvirk.localdemocracy.tests.factories import LocalCommitteeFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "localdemocracy_standingcommittee",
    "localdemocracy_committeeterm",
    "localdemocracy_compositionrules",
    "localdemocracy_localcommittee",
    "localdemocracy_coordinator",
    "localdemocracy_meeting",
    "localdemocracy_referral",
    "budgets_participationbudget",
    "budgets_budgetauditentry",
]


def test_admin_pages_open_for_a_municipality_admin(client: Client) -> None:
    """Every back-office list of the two apps opens for a municipality administrator,
    and shows their committee but not another municipality's."""
    mine = LocalCommitteeFactory(name="Mitt nærutvalg")
    LocalCommitteeFactory(name="Fremmed nærutvalg")
    client.force_login(
        user_with_role(Role.MUNICIPALITY_ADMIN, municipality=mine.district.municipality)
    )
    for page in PAGES:
        assert client.get(reverse(f"admin:{page}_changelist")).status_code == 200, page
    listing = client.get(reverse("admin:localdemocracy_localcommittee_changelist"))
    assert "Mitt nærutvalg" in listing.content.decode()
    assert "Fremmed nærutvalg" not in listing.content.decode()


def test_allocation_set_in_admin_is_audited(client: Client) -> None:
    """Creating and then changing a district's yearly allocation in the back office goes
    through the budget service, so both changes are in the audit log."""
    committee = LocalCommitteeFactory()
    district = committee.district
    client.force_login(user_with_role(Role.MUNICIPALITY_ADMIN, municipality=district.municipality))
    year = timezone.localdate().year
    client.post(
        reverse("admin:budgets_participationbudget_add"),
        {"district": district.pk, "year": year, "allocation": "50000"},
    )
    budget = ParticipationBudget.objects.get(district=district, year=year)
    client.post(
        reverse("admin:budgets_participationbudget_change", args=[budget.pk]),
        {"allocation": "75000"},
    )
    budget.refresh_from_db()
    assert budget.allocation == Decimal("75000.00")
    actions = set(BudgetAuditEntry.objects.filter(budget=budget).values_list("action", flat=True))
    assert actions == {AuditAction.BUDGET_CREATED, AuditAction.ALLOCATION_CHANGED}
