from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "medvirk.budgets"
    label = "budgets"
    verbose_name = _("Participation budgets")

    def ready(self) -> None:
        from medvirk.budgets.panels import budget_panel
        from medvirk.core.panels import register_district_panel

        register_district_panel(order=25, provider=budget_panel)
