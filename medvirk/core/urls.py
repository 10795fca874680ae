from django.urls import path

from medvirk.core import media, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("personvern/", views.privacy, name="privacy"),
    # Uploaded files, after the owning app's access check ("media" is a reserved slug).
    path(
        "<slug:municipality_slug>/media/<slug:kind>/<int:pk>/<str:name>",
        media.stored_file,
        name="media",
    ),
]
