from django.urls import path

from medvirk.core import media, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("personvern/", views.privacy, name="privacy"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path(
        "tilgjengelighet/tilbakemelding/",
        views.accessibility_feedback,
        name="accessibility-feedback",
    ),
    path(
        "tilgjengelighet/tilbakemelding/mottatt/",
        views.accessibility_feedback_receipt,
        name="accessibility-feedback-receipt",
    ),
    # Uploaded files, after the owning app's access check ("media" is a reserved slug).
    path(
        "<slug:municipality_slug>/media/<slug:kind>/<int:pk>/<str:name>",
        media.stored_file,
        name="media",
    ),
]
