from django.urls import path

from medvirk.followup import views

app_name = "followup"

_activity = "<slug:municipality_slug>/aktivitet/<slug:activity_slug>/"

urlpatterns = [
    path(_activity + "svar/", views.answer_batch, name="answer"),
    path(_activity + "rapport/", views.report_detail, name="report"),
    path(_activity + "rapport.xlsx", views.report_download, {"fmt": "xlsx"}, name="report_xlsx"),
    path(_activity + "rapport.pdf", views.report_download, {"fmt": "pdf"}, name="report_pdf"),
    path("mine-innspill/", views.my_inputs, name="my_inputs"),
    path("innspill/<str:token>/", views.private_input, name="private_input"),
]
