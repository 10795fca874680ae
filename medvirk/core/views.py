"""The national front page, error pages and a health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from medvirk.places.selectors import municipality_list_all, municipality_list_participating


def home(request: HttpRequest) -> HttpResponse:
    all_municipalities = list(municipality_list_all())
    return render(
        request,
        "core/home.html",
        {
            "participating": municipality_list_participating(),
            "all_municipalities": all_municipalities,
            "all_count": len(all_municipalities),
        },
    )


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: the app answers and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {
            "heading": _("Page not found"),
            "explanation": _(
                "We could not find the page you asked for. The address may be wrong, or the "
                "page may have moved."
            ),
        },
        status=404,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {
            "heading": _("Something went wrong"),
            "explanation": _("An error occurred on our side. Please try again in a little while."),
        },
        status=500,
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy statement (personvernerklæring), with the retention periods this
    installation uses."""
    from medvirk.core.privacy import contact_retention_days, unverified_account_days

    return render(
        request,
        "core/privacy_statement.html",
        {
            "unverified_account_days": unverified_account_days(),
            "contact_retention_days": contact_retention_days(),
        },
    )
