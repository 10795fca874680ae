from django.urls import path

from medvirk.participation import views

app_name = "participation"

_activity = "<slug:municipality_slug>/aktivitet/<slug:activity_slug>/"

urlpatterns = [
    path("<slug:municipality_slug>/verktoykasse/", views.method_list, name="method_list"),
    path(
        "<slug:municipality_slug>/verktoykasse/<slug:method_slug>/",
        views.method_detail,
        name="method",
    ),
    path(
        "<slug:municipality_slug>/verktoykasse/<slug:method_slug>/start/",
        views.activity_start,
        name="activity_start",
    ),
    path("<slug:municipality_slug>/aktiviteter/", views.activity_list, name="activity_list"),
    path(_activity, views.activity_detail, name="activity"),
    path(_activity + "registrer/", views.input_register, name="register"),
    path(_activity + "utkast/", views.activity_draft, name="draft"),
    path(_activity + "sporsmal/", views.activity_questions, name="questions"),
    path(_activity + "innspill.csv", views.inputs_export, {"fmt": "csv"}, name="export_csv"),
    path(_activity + "innspill.xlsx", views.inputs_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path(_activity + "innspill/<int:pk>/", views.input_detail, name="input"),
    path(_activity + "innspill/<int:pk>/stott/", views.input_support, name="support"),
    path(_activity + "innspill/<int:pk>/meld/", views.input_flag, name="flag"),
    path(_activity + "innspill/<int:pk>/stem/", views.statement_vote, name="vote"),
    path("<slug:municipality_slug>/moderering/", views.moderation_queue, name="moderation"),
    path("<slug:municipality_slug>/moderering/<int:pk>/", views.moderation_act, name="moderate"),
]
