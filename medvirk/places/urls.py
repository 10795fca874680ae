from django.urls import path

from medvirk.places import views

app_name = "places"

urlpatterns = [
    path("<slug:municipality_slug>/", views.municipality_detail, name="municipality"),
    path("<slug:municipality_slug>/finn/", views.district_find, name="find"),
    path(
        "<slug:municipality_slug>/<slug:district_slug>/",
        views.district_detail,
        name="district",
    ),
    path(
        "<slug:municipality_slug>/<slug:district_slug>/knutepunkt/<slug:hub_slug>/",
        views.hub_detail,
        name="hub",
    ),
]
