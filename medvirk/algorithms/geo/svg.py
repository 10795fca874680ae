"""Project GeoJSON geometries onto an SVG canvas.

Longitude is scaled by cos(latitude) at the map's centre, so that Norwegian maps are not
stretched sideways.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from medvirk.algorithms.geo.geometry import Geometry, bounding_box, polygons_of


@dataclass(frozen=True)
class SvgProjection:
    min_x: float
    min_y: float
    scale_x: float
    scale_y: float
    width: float
    height: float
    margin: float

    @classmethod
    def fit(
        cls, geometries: Sequence[Geometry], *, width: float = 600, margin: float = 8
    ) -> SvgProjection:
        min_x, min_y, max_x, max_y = bounding_box(geometries)
        aspect = math.cos(math.radians((min_y + max_y) / 2))
        span_x = max((max_x - min_x) * aspect, 1e-9)
        span_y = max(max_y - min_y, 1e-9)
        scale = (width - 2 * margin) / span_x
        height = span_y * scale + 2 * margin
        return cls(min_x, min_y, scale * aspect, scale, width, height, margin)

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (
            self.margin + (x - self.min_x) * self.scale_x,
            self.height - self.margin - (y - self.min_y) * self.scale_y,
        )

    def path(self, geometry: Geometry) -> str:
        """An SVG path ``d`` attribute drawing every ring of the geometry."""
        parts: list[str] = []
        for polygon in polygons_of(geometry):
            for ring in polygon:
                if len(ring) < 3:
                    continue
                coords = [self.point(x, y) for x, y in ring]
                parts.append("M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in coords) + "Z")
        return "".join(parts)

    def centroid(self, geometry: Geometry) -> tuple[float, float]:
        """The centre of the largest outer ring (area-weighted), on the canvas."""
        best: tuple[float, float, float] = (0.0, 0.0, -1.0)
        for polygon in polygons_of(geometry):
            ring = [self.point(x, y) for x, y in polygon[0]] if polygon else []
            area = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                cross = x0 * y1 - x1 * y0
                area += cross
                cx += (x0 + x1) * cross
                cy += (y0 + y1) * cross
            if abs(area) > 1e-9 and abs(area) > best[2]:
                best = (cx / (3 * area), cy / (3 * area), abs(area))
        return best[0], best[1]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"
