from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocaldemocracyConfig(AppConfig):
    name = "medvirk.localdemocracy"
    label = "localdemocracy"
    verbose_name = _("Local democracy")

    def ready(self) -> None:
        from medvirk.core.panels import register_district_panel, register_municipality_panel
        from medvirk.localdemocracy.panels import committee_panel, overview_link_panel

        register_district_panel(order=20, provider=committee_panel)
        register_municipality_panel(order=80, provider=overview_link_panel)
