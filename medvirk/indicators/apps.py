from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "medvirk.indicators"
    label = "indicators"
    verbose_name = "Indicators"
