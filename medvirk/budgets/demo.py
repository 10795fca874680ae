"""Demo participation budgets: NOK 50,000 for each Drammen district this year, with a few
expenses for meetings and activities, recorded through the service (so the audit log
shows them too)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.utils import timezone

from medvirk.accounts.demo import DEMO_DOMAIN
from medvirk.accounts.models import User
from medvirk.budgets import services
from medvirk.budgets.models import ParticipationBudget
from medvirk.localdemocracy.models import Meeting
from medvirk.places.models import District


def load_demo(*, log: Callable[[str], None] = print) -> None:
    year = timezone.localdate().year
    districts = list(District.objects.filter(municipality__number="3301").order_by("sort_order"))
    if ParticipationBudget.objects.filter(district__in=districts, year=year).exists():
        log("Participation budgets: already loaded.")
        return
    admin = User.objects.filter(email=f"admin@{DEMO_DOMAIN}").first()
    today = timezone.localdate()
    for number, district in enumerate(districts):
        coordinator = (
            User.objects.filter(email=f"koordinator.{district.slug}@{DEMO_DOMAIN}").first() or admin
        )
        budget = services.budget_open(district=district, year=year, by=admin)
        meetings = list(
            Meeting.objects.filter(
                committee__district=district, starts_at__year=year, starts_at__date__lte=today
            ).order_by("starts_at")[:2]
        )
        items = [
            (
                date(year, 2, 20),
                Decimal("2450.00"),
                "Servering på nærutvalgsmøte",
                meetings[0] if meetings else None,
                "",
            ),
            (
                date(year, 5, 30),
                Decimal(str(8000 + number * 750)),
                "Ryddeaksjon og grillfest i nærmiljøet",
                None,
                "Dugnad i parken",
            ),
            (
                date(year, 6, 15),
                Decimal("4200.00"),
                "Leie av telt og lydanlegg",
                None,
                "Sommerfest ved knutepunktet",
            ),
            (
                date(year, 9, 25),
                Decimal("1890.00"),
                "Servering og tolk på møte",
                meetings[1] if len(meetings) > 1 else None,
                "",
            ),
        ]
        for day, amount, purpose, meeting, activity in items:
            if day <= today:
                services.expense_record(
                    budget=budget,
                    date=day,
                    amount=amount,
                    purpose=purpose,
                    meeting=meeting,
                    activity=activity,
                    by=coordinator,
                )
    log(f"Participation budgets: NOK 50,000 for {len(districts)} districts in {year}.")
