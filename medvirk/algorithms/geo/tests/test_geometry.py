"""Point-in-polygon, clipping and projection behave as plane geometry says."""

from __future__ import annotations

import pytest

from medvirk.algorithms.geo import (
    SvgProjection,
    bounding_box,
    clip_to_half_plane,
    contains_point,
    voronoi_cells,
)
from medvirk.algorithms.geo.geometry import GeometryError

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}
SQUARE_WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
    ],
}
TWO_ISLANDS = {
    "type": "MultiPolygon",
    "coordinates": [
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
        [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]],
    ],
}


@pytest.mark.parametrize(
    ("geometry", "point", "expected"),
    [
        (SQUARE, (5, 5), True),
        (SQUARE, (11, 5), False),
        (SQUARE, (-0.1, 5), False),
        (SQUARE_WITH_HOLE, (5, 5), False),
        (SQUARE_WITH_HOLE, (2, 2), True),
        (TWO_ISLANDS, (5.5, 5.5), True),
        (TWO_ISLANDS, (3, 3), False),
    ],
)
def test_contains_point(geometry: dict, point: tuple[float, float], expected: bool) -> None:
    """A point is inside when inside an outer ring and outside every hole."""
    assert contains_point(geometry, *point) is expected


def test_non_polygon_is_refused() -> None:
    """Only Polygon and MultiPolygon are geometries a district can have."""
    with pytest.raises(GeometryError):
        contains_point({"type": "Point", "coordinates": [0, 0]}, 0, 0)


def test_bounding_box_covers_all_parts() -> None:
    """The bounding box spans every polygon of a MultiPolygon."""
    assert bounding_box([TWO_ISLANDS]) == (0, 0, 6, 6)


def test_clip_to_half_plane_keeps_the_left_half() -> None:
    """Clipping the square by x <= 5 leaves a 5 × 10 rectangle."""
    ring = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    clipped = clip_to_half_plane(ring, 1, 0, 5)
    xs = sorted({x for x, _ in clipped})
    assert xs == [0.0, 5.0]


def test_voronoi_cells_tile_the_outline() -> None:
    """Two sites split the square into two halves, and each holds its own site."""
    ring = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    cells = voronoi_cells(ring, [(2.0, 5.0), (8.0, 5.0)])
    left = {"type": "Polygon", "coordinates": [cells[0]]}
    right = {"type": "Polygon", "coordinates": [cells[1]]}
    assert contains_point(left, 2, 5) and not contains_point(left, 8, 5)
    assert contains_point(right, 8, 5) and not contains_point(right, 2, 5)


def test_projection_keeps_north_up_and_fits_width() -> None:
    """The projection maps the box onto the canvas with north at the top."""
    projection = SvgProjection.fit([SQUARE], width=200, margin=0)
    left, top = projection.point(0, 10)
    right, bottom = projection.point(10, 0)
    assert left == pytest.approx(0) and right == pytest.approx(200)
    assert top == pytest.approx(0) and bottom > top
    assert projection.path(SQUARE).startswith("M") and projection.path(SQUARE).endswith("Z")
    cx, cy = projection.centroid(SQUARE)
    assert cx == pytest.approx(100) and cy == pytest.approx(bottom / 2)
