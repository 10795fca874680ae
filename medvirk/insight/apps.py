from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    name = "medvirk.insight"
    label = "insight"
    verbose_name = _("Insight")

    def ready(self) -> None:
        from medvirk.core.panels import (
            ACTIVITY_REPORT,
            ACTIVITY_SUMMARY,
            register_export_table,
            register_panel,
        )
        from medvirk.insight.panels import summary_panel, summary_table

        register_panel(ACTIVITY_SUMMARY, order=10, provider=summary_panel)
        register_panel(ACTIVITY_REPORT, order=10, provider=summary_panel)
        register_export_table(ACTIVITY_REPORT, order=10, provider=summary_table)
