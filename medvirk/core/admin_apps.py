from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin with medvirk's site: access follows medvirk's roles."""

    default_site = "medvirk.core.admin_site.MedvirkAdminSite"
