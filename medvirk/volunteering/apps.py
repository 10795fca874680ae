from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "medvirk.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        from medvirk.core.panels import register_district_panel, register_municipality_panel
        from medvirk.volunteering.panels import district_panel, municipality_panel

        register_district_panel(order=60, provider=district_panel)
        register_municipality_panel(order=60, provider=municipality_panel)
