"""The REST API, assembled from each app's endpoints, its OpenAPI schema, the page about
the open data for people, and the page where a person manages their API tokens."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView

from medvirk.api import views

app_name = "api"


@csrf_exempt
def not_found(request: HttpRequest) -> JsonResponse:
    """Any other address under /api/: a JSON 404, as the API's other errors are (whatever
    the method, so no CSRF check comes first)."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


urlpatterns = [
    path("", views.open_data, name="open-data"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token-revoke"),
    path("v1/", include("medvirk.api.api")),
    path("v1/", include("medvirk.places.api")),
    path("v1/", include("medvirk.bookings.api")),
    path("v1/", include("medvirk.localdemocracy.api")),
    path("v1/", include("medvirk.budgets.api")),
    path("v1/", include("medvirk.participation.api")),
    path("v1/", include("medvirk.followup.api")),
    path("v1/", include("medvirk.insight.api")),
    path("v1/", include("medvirk.volunteering.api")),
    path("v1/", include("medvirk.indicators.api")),
    # Last: only addresses that end in a slash, so the site's slash-appending redirect
    # still reaches the addresses above.
    re_path(r"^[\s\S]*/$", not_found, name="not-found"),
]
