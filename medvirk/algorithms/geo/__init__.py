"""Plane geometry on GeoJSON geometries (longitude, latitude), without Django.

Used to find the district that holds a point, and to draw district maps as SVG without
any external tile service.
"""

from medvirk.algorithms.geo.geometry import (
    Geometry,
    bounding_box,
    clip_to_half_plane,
    contains_point,
    polygons_of,
    voronoi_cells,
)
from medvirk.algorithms.geo.svg import SvgProjection

__all__ = [
    "Geometry",
    "SvgProjection",
    "bounding_box",
    "clip_to_half_plane",
    "contains_point",
    "polygons_of",
    "voronoi_cells",
]
