from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "medvirk.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Registers the Bearer-token security scheme with drf-spectacular.
        from medvirk.api import schema  # noqa: F401
