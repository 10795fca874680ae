"""Public pages of a municipality, its districts and hubs, and "find my district"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from medvirk.core.panels import district_panels, municipality_panels
from medvirk.places import selectors
from medvirk.places.crumbs import place_crumbs
from medvirk.places.forms import FindDistrictForm
from medvirk.places.maps import district_map
from medvirk.places.models import District, Hub, Municipality


def _crumbs(
    municipality: Municipality, district: District | None = None, hub: Hub | None = None
) -> list[dict[str, str]]:
    return place_crumbs(municipality, district=district, hub=hub)


def _find_result(municipality: Municipality, form: FindDistrictForm) -> dict[str, Any]:
    """Run a valid search and return the result, adding errors to the form when nothing
    matches (the person's input stays on the form)."""
    code = form.cleaned_data.get("postnummer")
    if code:
        match = selectors.district_find_by_postcode(municipality=municipality, code=code)
        if match is None:
            form.add_error(
                "postnummer",
                _(
                    "Postcode %(code)s is not in %(municipality)s. Check the number, or choose "
                    "your district from the list."
                )
                % {"code": code, "municipality": municipality.name},
            )
            return {}
        return {"found": match.district, "found_by": "postcode", "postcode": match.postcode}
    latitude = form.cleaned_data["breddegrad"]
    longitude = form.cleaned_data["lengdegrad"]
    district = selectors.district_find_by_point(
        municipality=municipality, latitude=latitude, longitude=longitude
    )
    if district is None:
        form.add_error(
            None,
            _("That point is not inside any district of %(municipality)s.")
            % {"municipality": municipality.name},
        )
        return {}
    return {"found": district, "found_by": "point"}


def municipality_detail(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = selectors.municipality_get(slug=municipality_slug)
    districts = list(selectors.district_list(municipality=municipality))
    context: dict[str, Any] = {
        "municipality": municipality,
        "districts": districts,
        "map": district_map(districts),
        "form": FindDistrictForm(),
        "breadcrumbs": _crumbs(municipality),
        "panels": municipality_panels(request, municipality),
    }
    return render(request, "places/municipality_detail.html", context)


def district_find(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """Find my district by postcode or by a point. Works as a plain GET form; with HTMX
    only the result region is swapped."""
    municipality = selectors.municipality_get(slug=municipality_slug)
    form = FindDistrictForm(request.GET or None)
    context: dict[str, Any] = {"municipality": municipality, "form": form}
    if form.is_bound and form.is_valid():
        context.update(_find_result(municipality, form))
    if getattr(request, "htmx", False):
        return render(request, "places/_find_result.html", context)
    districts = list(selectors.district_list(municipality=municipality))
    context.update(
        {
            "districts": districts,
            "map": district_map(districts, current=context.get("found")),
            "breadcrumbs": [
                *_crumbs(municipality),
                {"label": _("Find your district"), "url": request.path},
            ],
        }
    )
    return render(request, "places/district_find.html", context)


def district_detail(
    request: HttpRequest, municipality_slug: str, district_slug: str
) -> HttpResponse:
    municipality = selectors.municipality_get(slug=municipality_slug)
    district = selectors.district_get(municipality=municipality, slug=district_slug)
    siblings = list(selectors.district_list(municipality=municipality))
    context = {
        "municipality": municipality,
        "district": district,
        "hubs": selectors.hub_list(district=district),
        "map": district_map(siblings, current=district, width=360),
        "breadcrumbs": _crumbs(municipality, district),
        "panels": district_panels(request, district),
    }
    return render(request, "places/district_detail.html", context)


def hub_detail(
    request: HttpRequest, municipality_slug: str, district_slug: str, hub_slug: str
) -> HttpResponse:
    municipality = selectors.municipality_get(slug=municipality_slug)
    district = selectors.district_get(municipality=municipality, slug=district_slug)
    hub = selectors.hub_get(district=district, slug=hub_slug)
    context = {
        "municipality": municipality,
        "district": district,
        "hub": hub,
        "breadcrumbs": _crumbs(municipality, district, hub),
    }
    return render(request, "places/hub_detail.html", context)
