"""The REST API, assembled from each app's endpoints, and its OpenAPI schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/", include("medvirk.places.api")),
    path("v1/", include("medvirk.bookings.api")),
    path("v1/", include("medvirk.localdemocracy.api")),
    path("v1/", include("medvirk.budgets.api")),
    path("v1/", include("medvirk.participation.api")),
    path("v1/", include("medvirk.followup.api")),
    path("v1/", include("medvirk.insight.api")),
    path("v1/", include("medvirk.volunteering.api")),
    path("v1/", include("medvirk.indicators.api")),
]
