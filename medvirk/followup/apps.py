from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "medvirk.followup"
    label = "followup"
    verbose_name = "Follow-up"
