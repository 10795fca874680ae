"""District maps drawn as SVG from the districts' own boundaries (no tile service)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse

from medvirk.algorithms.geo import SvgProjection
from medvirk.places.models import District


@dataclass(frozen=True)
class MapShape:
    district: District
    path: str
    label_x: float
    label_y: float
    url: str
    is_current: bool


@dataclass(frozen=True)
class DistrictMap:
    view_box: str
    shapes: list[MapShape]


def district_map(
    districts: Sequence[District], *, current: District | None = None, width: int = 600
) -> DistrictMap | None:
    """The map of the given districts, or None when none of them has a boundary."""
    drawn = [(district, district.boundary) for district in districts if district.boundary]
    if not drawn:
        return None
    projection = SvgProjection.fit([boundary for _, boundary in drawn], width=width)
    shapes = []
    for district, boundary in drawn:
        x, y = projection.centroid(boundary)
        shapes.append(
            MapShape(
                district=district,
                path=projection.path(boundary),
                label_x=x,
                label_y=y,
                url=reverse("places:district", args=[district.municipality.slug, district.slug]),
                is_current=current is not None and current.pk == district.pk,
            )
        )
    return DistrictMap(view_box=projection.view_box, shapes=shapes)
