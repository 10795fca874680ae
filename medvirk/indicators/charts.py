"""Charts drawn by medvirk itself as inline SVG (no external service). Every chart has
a data table beside it in the page; the SVG carries a title and a description for
screen readers, and series differ by dash pattern and marker, not colour alone."""

from __future__ import annotations

import math
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

from medvirk.indicators.selectors import RankedValue, SeriesTable

# Designsystemet-like colours with at least 3:1 contrast against white
COLOURS = ("#1e2b3c", "#c2410c", "#0b6e4f", "#6d28d9")
DASHES = ("", "6 4", "2 3", "10 3 2 3")
MARKERS = ("circle", "square", "diamond", "triangle")


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if low == high:
        low, high = low - 1, high + 1
    span = high - low
    raw = span / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), default=raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 0.001:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _fmt(value: float, decimals: int) -> str:
    return str(number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True))


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        return (
            f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} '
            f'L{x - 5:.1f} {y:.1f} Z" fill="{colour}"/>'
        )
    if kind == "triangle":
        return (
            f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y + 4:.1f} L{x - 5:.1f} '
            f'{y + 4:.1f} Z" fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def line_chart(table: SeriesTable, *, title: str, description: str, chart_id: str) -> SafeString:
    """A line chart of the series over the periods; periods without a value break the
    line (a status symbol is never drawn as a number)."""
    width, height = 640, 320
    left, right, top, bottom = 64, 16, 16, 80
    values = [p.value for s in table.series for p in s.points if p.value is not None]
    periods = list(table.periods)
    parts = [
        f'<svg class="indicator-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    if not values or not periods:
        parts.append("</svg>")
        return mark_safe("".join(parts))
    ticks = _nice_ticks(min(0.0, min(values)) if min(values) >= 0 else min(values), max(values))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(index: int) -> float:
        if len(periods) == 1:
            return left + plot_w / 2
        return left + plot_w * index / (len(periods) - 1)

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    decimals = table.indicator.decimals
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#d0d5dd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#1e2b3c">{escape(_fmt(tick, decimals))}</text>'
        )
    if low < 0 < high:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y_of(0):.1f}" '
            f'y2="{y_of(0):.1f}" stroke="#1e2b3c" stroke-width="1.5"/>'
        )
    for index, period in enumerate(periods):
        parts.append(
            f'<text x="{x_of(index):.1f}" y="{top + plot_h + 20}" text-anchor="middle" '
            f'font-size="12" fill="#1e2b3c">{escape(period)}</text>'
        )
    for number, series in enumerate(table.series):
        colour = COLOURS[number % len(COLOURS)]
        dash = DASHES[number % len(DASHES)]
        marker = MARKERS[number % len(MARKERS)]
        segment: list[str] = []
        segments: list[list[str]] = []
        dots = []
        for index, period in enumerate(periods):
            point = series.value_at(period)
            if point is None or point.value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            x, y = x_of(index), y_of(point.value)
            segment.append(f"{x:.1f},{y:.1f}")
            dots.append(_marker(marker, x, y, colour))
        if segment:
            segments.append(segment)
        for points in segments:
            if len(points) > 1:
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" '
                    f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
                )
        parts.extend(dots)
        # legend below the plot
        lx = left + (number % 2) * 290
        ly = top + plot_h + 44 + (number // 2) * 18
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{lx}" x2="{lx + 28}" y1="{ly - 4}" y2="{ly - 4}" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        )
        parts.append(_marker(marker, lx + 14, ly - 4, colour))
        parts.append(
            f'<text x="{lx + 36}" y="{ly}" font-size="12" fill="#1e2b3c">'
            f"{escape(series.label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bar_chart(
    rows: list[RankedValue], *, title: str, description: str, chart_id: str, decimals: int
) -> SafeString:
    """Horizontal bars, one per region with a value, the home municipality emphasised."""
    shown = [r for r in rows if r.value is not None]
    bar, gap, left, right = 22, 8, 180, 80
    width = 640
    height = max(40, len(shown) * (bar + gap) + 24)
    parts = [
        f'<svg class="indicator-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    if shown:
        values = [r.value or 0.0 for r in shown]
        low, high = min(0.0, *values), max(0.0, *values)
        span = (high - low) or 1.0
        plot_w = width - left - right

        def x_of(value: float) -> float:
            return left + plot_w * (value - low) / span

        zero = x_of(0.0)
        for index, row in enumerate(shown):
            y = 12 + index * (bar + gap)
            value = row.value or 0.0
            x0, x1 = sorted((zero, x_of(value)))
            colour = "#c2410c" if row.is_home else "#1e2b3c"
            weight = ' font-weight="bold"' if row.is_home else ""
            parts.append(
                f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="12" '
                f'fill="#1e2b3c"{weight}>{escape(row.name)}</text>'
            )
            parts.append(
                f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 1):.1f}" '
                f'height="{bar}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{max(x1, zero) + 6:.1f}" y="{y + 15}" font-size="12" '
                f'fill="#1e2b3c"{weight}>{escape(_fmt(value, decimals))}</text>'
            )
        parts.append(
            f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="8" y2="{height - 8}" '
            f'stroke="#667085" stroke-width="1"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
