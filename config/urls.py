"""The site's URLs: fixed prefixes first, then the municipality pages at the root."""

from django.contrib import admin
from django.urls import include, path

from medvirk.core import health

urlpatterns = [
    # Health checks for load balancers (no trailing slash, no language, no login).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("medvirk.api.urls")),
    path("konto/", include("medvirk.accounts.urls")),
    path("", include("medvirk.core.urls")),
    # Apps with fixed path segments below /<municipality>/ come before the places app,
    # whose district pattern /<municipality>/<district>/ would otherwise catch them.
    path("", include("medvirk.bookings.urls")),
    path("", include("medvirk.localdemocracy.urls")),
    path("", include("medvirk.budgets.urls")),
    path("", include("medvirk.participation.urls")),
    path("", include("medvirk.followup.urls")),
    path("", include("medvirk.insight.urls")),
    path("", include("medvirk.volunteering.urls")),
    path("", include("medvirk.indicators.urls")),
    path("", include("medvirk.places.urls")),
]

handler403 = "medvirk.core.views.permission_denied"
handler404 = "medvirk.core.views.page_not_found"
handler500 = "medvirk.core.views.server_error"
