from django.urls import path

from medvirk.insight import views

app_name = "insight"

_activity = "<slug:municipality_slug>/aktivitet/<slug:activity_slug>/"
_insight = _activity + "innsikt/"

urlpatterns = [
    path(_insight, views.workspace, name="workspace"),
    path(_insight + "analyse/<int:pk>/", views.analysis_progress, name="progress"),
    path(_insight + "tema/<int:pk>/", views.theme_review, name="theme"),
    path(_insight + "tema/<int:pk>/navn/", views.theme_rename, name="rename"),
    path(_insight + "tema/<int:pk>/del/", views.theme_split, name="split"),
    path(_insight + "slaa-sammen/", views.themes_merge, name="merge"),
    path(_insight + "publiser/", views.summary_publish, name="publish"),
    path(_insight + "trekk-tilbake/", views.summary_withdraw, name="withdraw"),
    path(_activity + "rapport/tema/<int:pk>/", views.theme_public, name="public_theme"),
]
