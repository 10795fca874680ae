from django.urls import path

from medvirk.volunteering import views

app_name = "volunteering"

M = "<slug:municipality_slug>/"

urlpatterns = [
    path(M + "tilbud/", views.offer_list, name="offers"),
    path(M + "tilbud/ny/", views.offer_new, name="offer-new"),
    path(M + "tilbud/<slug:slug>/", views.offer_detail, name="offer"),
    path(M + "tilbud/<slug:slug>/kalender.ics", views.offer_ics, name="offer-ics"),
    path(M + "tilbud/<slug:slug>/pamelding/", views.offer_signup, name="offer-signup"),
    path(
        M + "tilbud/<slug:slug>/pamelding/avmeld/",
        views.offer_signup_cancel,
        name="offer-signup-cancel",
    ),
    path(M + "frivillig/", views.volunteer_signup, name="signup"),
    path(M + "frivillig/min-side/", views.volunteer_me, name="me"),
    path(M + "frivillig/nokkeltall/", views.measures, name="measures"),
    path(M + "frivillig/min-side/eksport/", views.volunteer_export_view, name="export"),
    path(M + "frivillig/min-side/slett/", views.volunteer_delete_view, name="delete"),
    path(M + "foreninger/", views.organisation_list, name="organisations"),
    path(M + "foreninger/ny/", views.organisation_form, name="organisation-new"),
    path(M + "foreninger/<slug:slug>/", views.organisation_detail, name="organisation"),
    path(M + "foreninger/<slug:slug>/endre/", views.organisation_form, name="organisation-edit"),
    path(M + "arbeidsgrupper/", views.working_group_list, name="groups"),
    path(M + "arbeidsgrupper/ny/", views.working_group_new, name="group-new"),
    path(M + "arbeidsgrupper/<slug:slug>/", views.working_group_detail, name="group"),
    path(
        M + "arbeidsgrupper/<slug:slug>/bli-med/", views.working_group_join_view, name="group-join"
    ),
    path(
        M + "arbeidsgrupper/<slug:slug>/medlemmer/", views.working_group_member, name="group-member"
    ),
    path(
        M + "arbeidsgrupper/<slug:slug>/moter/", views.working_group_meeting, name="group-meeting"
    ),
    path(
        M + "arbeidsgrupper/<slug:slug>/moter/<int:pk>/",
        views.working_group_meeting,
        name="group-meeting-notes",
    ),
]
