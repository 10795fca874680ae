from django.apps import AppConfig


class LocaldemocracyConfig(AppConfig):
    name = "medvirk.localdemocracy"
    label = "localdemocracy"
    verbose_name = "Local democracy"
