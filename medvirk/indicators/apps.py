from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "medvirk.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from medvirk.core.panels import register_district_panel, register_municipality_panel
        from medvirk.indicators.panels import district_panel, municipality_panel

        register_municipality_panel(order=90, provider=municipality_panel)
        register_district_panel(order=90, provider=district_panel)
