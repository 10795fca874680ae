from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    name = "medvirk.volunteering"
    label = "volunteering"
    verbose_name = "Volunteering"
