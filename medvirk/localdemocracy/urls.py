"""Local democracy pages. Segments directly below /<municipality>/<district>/ come from
``RESERVED_SLUGS`` (naerutvalg, moter, mote, saker, kalender; oversikt below the
municipality)."""

from django.urls import path

from medvirk.localdemocracy import views

app_name = "localdemocracy"

D = "<slug:municipality_slug>/<slug:district_slug>"

urlpatterns = [
    path("<slug:municipality_slug>/oversikt/", views.central_overview, name="overview"),
    path(f"{D}/naerutvalg/", views.committee_detail, name="committee"),
    path(f"{D}/naerutvalg/medlemmer/", views.members_manage, name="members"),
    path(
        f"{D}/naerutvalg/medlemmer/<int:pk>/avslutt/", views.membership_end, name="membership_end"
    ),
    path(f"{D}/naerutvalg/bli-med/", views.join, name="join"),
    path(
        f"{D}/naerutvalg/<int:pk>/kalender.ics", views.calendar_committee, name="calendar_committee"
    ),
    path(f"{D}/kalender/", views.calendar_district, name="calendar"),
    path(f"{D}/moter/", views.meeting_list, name="meetings"),
    path(f"{D}/moter/ny/", views.meeting_create, name="meeting_create"),
    path(f"{D}/mote/<int:pk>/", views.meeting_detail, name="meeting"),
    path(f"{D}/mote/<int:pk>/gjennomfor/", views.meeting_manage, name="meeting_manage"),
    path(f"{D}/mote/<int:pk>/sakliste/", views.agenda_item_add, name="agenda_item_add"),
    path(
        f"{D}/mote/<int:pk>/sakliste/<int:item_pk>/fjern/",
        views.agenda_item_remove,
        name="agenda_item_remove",
    ),
    path(f"{D}/mote/<int:pk>/oppmote/", views.attendance_save, name="attendance"),
    path(f"{D}/mote/<int:pk>/referat/", views.minutes_save, name="minutes"),
    path(f"{D}/mote/<int:pk>/referat/<slug:action>/", views.minutes_action, name="minutes_action"),
    path(f"{D}/mote/<int:pk>/avlys/", views.meeting_cancel, name="meeting_cancel"),
    path(f"{D}/mote/<int:pk>/endre/", views.meeting_edit, name="meeting_edit"),
    path(f"{D}/mote/avmelding/<str:token>/", views.registration_cancel, name="registration_cancel"),
    path(f"{D}/saker/", views.referral_list, name="referrals"),
    path(f"{D}/saker/ny/", views.referral_create, name="referral_create"),
    path(f"{D}/saker/<int:pk>/", views.referral_detail, name="referral"),
]
