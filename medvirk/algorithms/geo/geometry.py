"""Point-in-polygon, bounding boxes and half-plane clipping on GeoJSON geometries.

Coordinates are (longitude, latitude) pairs as in GeoJSON. At the scale of a municipality
the plane approximation is exact enough for deciding which district holds a point.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # outer ring first, then holes
Geometry = dict[str, Any]


class GeometryError(ValueError):
    """A geometry that is not a GeoJSON Polygon or MultiPolygon."""


def polygons_of(geometry: Geometry) -> Iterator[Polygon]:
    """Yield the polygons of a GeoJSON Polygon or MultiPolygon as lists of rings."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        yield [[(float(x), float(y)) for x, y, *_ in ring] for ring in coordinates or []]
    elif kind == "MultiPolygon":
        for polygon in coordinates or []:
            yield [[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon]
    else:
        raise GeometryError(f"expected Polygon or MultiPolygon, got {kind!r}")


def _ring_contains(ring: Sequence[Point], x: float, y: float) -> bool:
    """Even-odd rule: count the edges a ray to the right of (x, y) crosses."""
    inside = False
    count = len(ring)
    j = count - 1
    for i in range(count):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y):
            x_cross = xi + (y - yi) * (xj - xi) / (yj - yi)
            if x < x_cross:
                inside = not inside
        j = i
    return inside


def contains_point(geometry: Geometry, longitude: float, latitude: float) -> bool:
    """True when the point lies inside the geometry (holes excluded)."""
    for polygon in polygons_of(geometry):
        if not polygon or not _ring_contains(polygon[0], longitude, latitude):
            continue
        if not any(_ring_contains(hole, longitude, latitude) for hole in polygon[1:]):
            return True
    return False


def bounding_box(geometries: Sequence[Geometry]) -> tuple[float, float, float, float]:
    """(min_x, min_y, max_x, max_y) over all outer rings of the given geometries."""
    xs: list[float] = []
    ys: list[float] = []
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for x, y in polygon[0] if polygon else []:
                xs.append(x)
                ys.append(y)
    if not xs:
        raise GeometryError("no coordinates to bound")
    return min(xs), min(ys), max(xs), max(ys)


def clip_to_half_plane(ring: Sequence[Point], a: float, b: float, c: float) -> Ring:
    """Keep the part of a ring where a*x + b*y <= c (Sutherland–Hodgman, one edge)."""
    result: Ring = []
    if not ring:
        return result
    previous = ring[-1]
    previous_inside = a * previous[0] + b * previous[1] <= c
    for current in ring:
        current_inside = a * current[0] + b * current[1] <= c
        if current_inside != previous_inside:
            denominator = a * (current[0] - previous[0]) + b * (current[1] - previous[1])
            t = (c - a * previous[0] - b * previous[1]) / denominator
            result.append(
                (
                    previous[0] + t * (current[0] - previous[0]),
                    previous[1] + t * (current[1] - previous[1]),
                )
            )
        if current_inside:
            result.append(current)
        previous, previous_inside = current, current_inside
    return result


def voronoi_cells(outline: Sequence[Point], sites: Sequence[Point]) -> list[Ring]:
    """Split an outline ring into one cell per site: the points nearer that site than any
    other. Used to draw demo district boundaries that tile a real municipality."""
    cells: list[Ring] = []
    for i, (xi, yi) in enumerate(sites):
        cell: Ring = list(outline)
        for j, (xj, yj) in enumerate(sites):
            if i == j:
                continue
            # |p - si|^2 <= |p - sj|^2  <=>  2(sj - si)·p <= |sj|^2 - |si|^2
            a = 2 * (xj - xi)
            b = 2 * (yj - yi)
            c = (xj * xj + yj * yj) - (xi * xi + yi * yi)
            cell = clip_to_half_plane(cell, a, b, c)
        cells.append(cell)
    return cells
