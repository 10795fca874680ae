"""Breadcrumbs down the place hierarchy, which most pages start from: the front page, the
municipality, and maybe a district and one of its hubs, then the page's own steps."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from medvirk.places.models import District, Hub, Municipality


def place_crumbs(
    municipality: Municipality,
    *extra: tuple[str, str],
    district: District | None = None,
    hub: Hub | None = None,
) -> list[dict[str, str]]:
    """Front page › municipality [› district [› hub]] › each ``(label, url)`` of ``extra``.
    A hub is shown only under its district."""
    items = [
        {"label": _("Front page"), "url": reverse("core:home")},
        {
            "label": municipality.name,
            "url": reverse("places:municipality", args=[municipality.slug]),
        },
    ]
    if district is not None:
        items.append(
            {
                "label": district.name,
                "url": reverse("places:district", args=[municipality.slug, district.slug]),
            }
        )
        if hub is not None:
            items.append(
                {
                    "label": hub.name,
                    "url": reverse("places:hub", args=[municipality.slug, district.slug, hub.slug]),
                }
            )
    items += [{"label": label, "url": url} for label, url in extra]
    return items
