from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "medvirk.participation"
    label = "participation"
    verbose_name = "Participation"
