from django.urls import path

from medvirk.bookings import views

app_name = "bookings"

HUB = "<slug:municipality_slug>/<slug:district_slug>/knutepunkt/<slug:hub_slug>/"

urlpatterns = [
    path(HUB + "kalender/", views.hub_calendar, name="calendar"),
    path(HUB + "kalender.ics", views.hub_calendar_ics, name="calendar-ics"),
    path(HUB + "booking/", views.booking_create, name="create"),
    path(HUB + "booking/foresporsler/", views.hub_requests, name="requests"),
    path(HUB + "booking/apningstider/", views.hub_opening_hours, name="opening-hours"),
    path(HUB + "booking/rom/", views.hub_rooms, name="rooms"),
    path(HUB + "booking/rom/<int:pk>/", views.hub_rooms, name="room-edit"),
    path(HUB + "booking/<int:pk>/svar/", views.booking_decide, name="decide"),
    path("<slug:municipality_slug>/booking/mine/", views.booking_mine, name="mine"),
    path("<slug:municipality_slug>/booking/<str:token>/", views.booking_receipt, name="receipt"),
    path(
        "<slug:municipality_slug>/booking/<str:token>/booking.ics",
        views.booking_receipt_ics,
        name="receipt-ics",
    ),
    path(
        "<slug:municipality_slug>/booking/<str:token>/avlys/",
        views.booking_cancel_view,
        name="cancel",
    ),
]
