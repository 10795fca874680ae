"""The opinion map as a self-contained SVG: one dot per participant coloured by group,
each group's centre labelled with its letter and size, and a legend with every group's
most representative statement and, where there are background statements, the one on
which the group differs most from the others. Written by hand (no plotting library)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from medvirk.algorithms.opinions.pipeline import STATUS_OK, OpinionMap

WIDTH = 960
MAP_SIZE = 560
MARGIN = 40
LEGEND_X = MAP_SIZE + 2 * MARGIN
PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e")
UNGROUPED = "#b0b0b0"
WRAP = 46


def group_letter(group_id: int) -> str:
    """Groups are shown as A, B, C... as Polis does."""
    return chr(ord("A") + group_id)


def _wrap(text: str, width: int = WRAP, lines: int = 3) -> list[str]:
    words, result, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            result.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    result.append(current)
    if len(result) > lines:
        result = [*result[: lines - 1], result[lines - 1][: width - 1] + "…"]
    return result


def _quote(parts: list[str], text: str, y: int, lines: int = 3) -> int:
    """Append a statement's text to the legend from ``y``, wrapped, indented and in
    italics; return the ``y`` below it."""
    for line in _wrap(text, lines=lines):
        parts.append(
            f'<text x="{LEGEND_X + 10}" y="{y}" fill="#444" '
            f'font-style="italic">{escape(line)}</text>'
        )
        y += 16
    return y


def distinctive_background(result: OpinionMap, group_id: int) -> tuple[int, float, float] | None:
    """The background statement on which the group's share agreeing differs most from
    the other groups' together: ``(statement id, share in the group, share in the
    others)``, or ``None`` without background statements answered on both sides."""
    best: tuple[float, int, float, float] | None = None
    for answers in result.background:
        inside = answers.agree_share(group_id)
        outside = answers.agree_share(group_id, others=True)
        if inside is None or outside is None:
            continue
        gap = abs(inside - outside)
        if best is None or gap > best[0]:
            best = (gap, answers.statement_id, inside, outside)
    return None if best is None else best[1:]


def render_svg(result: OpinionMap) -> str:
    """The SVG document of an opinion map (a short notice when there is not enough data)."""
    height = MAP_SIZE + 2 * MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="13">',
        f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
        f'<text x="{MARGIN}" y="{MARGIN - 14}" font-size="16" font-weight="bold">'
        f"{escape(result.topic or 'Opinion map')}</text>",
    ]
    if result.status != STATUS_OK:
        parts.append(
            f'<text x="{MARGIN}" y="{MARGIN + 30}" class="not-enough-data">'
            f"Not enough data: {escape(result.message)}</text></svg>"
        )
        return "\n".join(parts)
    xs = [p["x"] for p in result.participants]
    ys = [p["y"] for p in result.participants]
    extent = max(max(map(abs, xs)), max(map(abs, ys)), 1e-9) * 1.05

    def place(x: float, y: float) -> tuple[float, float]:
        half = MAP_SIZE / 2
        return MARGIN + half + x / extent * half, MARGIN + half - y / extent * half

    centre = place(0.0, 0.0)
    parts.append(
        f'<rect x="{MARGIN}" y="{MARGIN}" width="{MAP_SIZE}" height="{MAP_SIZE}" '
        f'fill="none" stroke="#ddd"/>'
        f'<line x1="{MARGIN}" y1="{centre[1]:.1f}" x2="{MARGIN + MAP_SIZE}" '
        f'y2="{centre[1]:.1f}" stroke="#eee"/><line x1="{centre[0]:.1f}" y1="{MARGIN}" '
        f'x2="{centre[0]:.1f}" y2="{MARGIN + MAP_SIZE}" stroke="#eee"/>'
    )
    for participant in result.participants:
        x, y = place(participant["x"], participant["y"])
        group = participant["group"]
        colour = UNGROUPED if group is None else PALETTE[group % len(PALETTE)]
        parts.append(
            f'<circle class="participant" cx="{x:.1f}" cy="{y:.1f}" r="3" '
            f'fill="{colour}" fill-opacity="0.55"/>'
        )
    legend_y = MARGIN + 10
    for group in result.groups:
        colour = PALETTE[group.group_id % len(PALETTE)]
        x, y = place(*group.center)
        letter = group_letter(group.group_id)
        parts.append(
            f'<g class="group"><circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="{colour}" '
            f'stroke="white" stroke-width="2"/><text x="{x:.1f}" y="{y + 5:.1f}" '
            f'text-anchor="middle" fill="white" font-weight="bold">{letter}</text></g>'
        )
        parts.append(
            f'<text x="{LEGEND_X}" y="{legend_y}" font-weight="bold" '
            f'fill="{colour}">Group {letter}: {group.size} participants</text>'
        )
        legend_y += 18
        for item in group.representative[:1]:
            text = result.statement_texts.get(item.statement_id, f"#{item.statement_id}")
            verb = "agree" if item.direction == "agree" else "disagree"
            heading = f"{item.probability:.0%} {verb} with #{item.statement_id}:"
            parts.append(f'<text x="{LEGEND_X}" y="{legend_y}" fill="#444">{heading}</text>')
            legend_y += 16
            legend_y = _quote(parts, text, legend_y)
        background = distinctive_background(result, group.group_id)
        if background is not None:
            statement_id, inside, outside = background
            text = result.statement_texts.get(statement_id, f"#{statement_id}")
            parts.append(
                f'<text class="background" x="{LEGEND_X}" y="{legend_y}" fill="#444">'
                f"Background: {inside:.0%} agree (others {outside:.0%}), #{statement_id}:</text>"
            )
            legend_y = _quote(parts, text, legend_y + 16, lines=1)
        legend_y += 12
    consensus = result.consensus.get("agree", [])[:1]
    if consensus:
        text = result.statement_texts.get(consensus[0].statement_id, "")
        parts.append(
            f'<text x="{LEGEND_X}" y="{legend_y}" font-weight="bold">'
            f"Common ground (#{consensus[0].statement_id}):</text>"
        )
        _quote(parts, text, legend_y + 16)
    parts.append("</svg>")
    return "\n".join(parts)
