"""Load the demo: each app that has demo content contributes a ``demo`` module with
``load_demo(*, log)``; they run in this order, each in its own transaction."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from django.db import transaction

DEMO_MODULES = (
    "medvirk.places.demo",
    "medvirk.accounts.demo",
    "medvirk.bookings.demo",
    "medvirk.localdemocracy.demo",
    "medvirk.budgets.demo",
    "medvirk.volunteering.demo",
    "medvirk.participation.demo",
    "medvirk.followup.demo",
    "medvirk.insight.demo",
    "medvirk.indicators.demo",
)


def demo_load(*, log: Callable[[str], None] = print) -> None:
    for module_name in DEMO_MODULES:
        module = importlib.import_module(module_name)
        with transaction.atomic():
            module.load_demo(log=log)
