from django.urls import path

from medvirk.indicators import views

app_name = "indicators"

urlpatterns = [
    path("<slug:municipality_slug>/indikatorer/", views.indicator_list, name="list"),
    path(
        "<slug:municipality_slug>/indikatorer/vis/<str:code>/",
        views.indicator_detail,
        name="detail",
    ),
    path(
        "<slug:municipality_slug>/indikatorer/sammenlign/", views.indicator_compare, name="compare"
    ),
    path(
        "<slug:municipality_slug>/indikatorer/handlingsregler/",
        views.fiscal_rules,
        name="fiscal-rules",
    ),
    path("<slug:municipality_slug>/indikatorer/laer-av-andre/", views.peer_finder, name="peers"),
    path("<slug:municipality_slug>/indikatorer/baerekraftsmal/", views.sdg_progress, name="sdg"),
    path("<slug:municipality_slug>/indikatorer/import/", views.import_start, name="import"),
    path(
        "<slug:municipality_slug>/indikatorer/import/<int:job_id>/",
        views.import_job,
        name="import-job",
    ),
    path("<slug:municipality_slug>/erfaringer/", views.experience_list, name="experiences"),
    path(
        "<slug:municipality_slug>/erfaringer/ny/",
        views.experience_create,
        name="experience-create",
    ),
    path(
        "<slug:municipality_slug>/erfaringer/<int:pk>/", views.experience_detail, name="experience"
    ),
]
