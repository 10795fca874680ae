from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "medvirk.budgets"
    label = "budgets"
    verbose_name = "Participation budgets"
