"""The map of a municipality for map input: the districts drawn as SVG from their
boundaries (no tile service), the public points on it, and the projection's numbers so
that a click on the map can fill in latitude and longitude."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from medvirk.algorithms.geo import SvgProjection
from medvirk.participation.models import Input
from medvirk.places.models import District


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    label: str
    url: str


@dataclass(frozen=True)
class InputMap:
    view_box: str
    paths: list[tuple[str, str]]  # (district name, path)
    points: list[MapPoint]
    min_x: float
    min_y: float
    scale_x: float
    scale_y: float
    height: float
    margin: float


def input_map(
    districts: Sequence[District],
    inputs: Iterable[Input] = (),
    *,
    width: int = 600,
    url_of: dict[int, str] | None = None,
) -> InputMap | None:
    drawn = [(d, d.boundary) for d in districts if d.boundary]
    if not drawn:
        return None
    projection = SvgProjection.fit([boundary for _d, boundary in drawn], width=width)
    points = []
    for item in inputs:
        if item.latitude is None or item.longitude is None:
            continue
        x, y = projection.point(item.longitude, item.latitude)
        points.append(
            MapPoint(x=x, y=y, label=item.display_title, url=(url_of or {}).get(item.pk, ""))
        )
    return InputMap(
        view_box=projection.view_box,
        paths=[(d.name, projection.path(boundary)) for d, boundary in drawn],
        points=points,
        min_x=projection.min_x,
        min_y=projection.min_y,
        scale_x=projection.scale_x,
        scale_y=projection.scale_y,
        height=projection.height,
        margin=projection.margin,
    )
