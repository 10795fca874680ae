from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "medvirk.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self) -> None:
        from medvirk.core.panels import register_district_panel, register_municipality_panel
        from medvirk.participation.panels import district_panel, municipality_panel

        register_district_panel(order=30, provider=district_panel)
        register_municipality_panel(order=30, provider=municipality_panel)
