"""The "what we heard / what we did" report as PDF (ReportLab), in the shape a planning
case needs: summary, counts, decisions and the table of every input with its answer
(merknadsbehandling)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from medvirk.core.panels import ExportTable
from medvirk.followup.models import Report
from medvirk.followup.selectors import ReportData
from medvirk.participation.exports import response_of
from medvirk.participation.models import Activity, Input, Visibility

# A table with a grid, top-aligned cells and a grey heading row that repeats on each page.
_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
    ]
)


def _p(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def report_pdf(
    *,
    activity: Activity,
    report: Report | None,
    data: ReportData,
    inputs: Iterable[Input],
    extra: Sequence[ExportTable] = (),
) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=activity.title,
        lang=None,
    )
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=8, leading=10)
    story: list[object] = [
        _p(activity.title, styles["Title"]),
        _p(_("What we heard and what we did"), styles["Heading2"]),
        _p(
            f"{activity.municipality.name} · {activity.owner_name} · "
            f"{timezone.localdate():%d.%m.%Y}",
            body,
        ),
    ]
    if report is not None:
        story += [
            _p(_("What we heard"), styles["Heading3"]),
            _p(report.what_we_heard, body),
            _p(_("What we did"), styles["Heading3"]),
            _p(report.what_we_did, body),
        ]
    story.append(_p(_("Input in numbers"), styles["Heading3"]))
    counts = [[_("Channel"), _("Count")]] + [[c.label, str(c.count)] for c in data.by_channel]
    counts += [[_("District"), ""]] + [[c.label, str(c.count)] for c in data.by_district]
    counts += [[_("Status"), ""]] + [[c.label, str(c.count)] for c in data.by_status]
    table = Table(counts, colWidths=[10 * cm, 3 * cm])
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 9)]
        )
    )
    story += [table, Spacer(1, 0.4 * cm)]
    if data.decisions:
        story.append(_p(_("Decisions"), styles["Heading3"]))
        for decision in data.decisions:
            numbers = ", ".join(str(i.pk) for i in decision.inputs.all())
            story.append(
                _p(
                    f"{decision.title} ({decision.decided_by}, "
                    f"{decision.decided_on:%d.%m.%Y}) {decision.reference}",
                    body,
                )
            )
            story.append(_p(decision.text, body))
            if numbers:
                story.append(_p(_("Inputs behind it: %(numbers)s") % {"numbers": numbers}, small))
    for extra_table in extra:
        story.append(_p(extra_table.title, styles["Heading3"]))
        extra_rows = [[_p(str(h), small) for h in extra_table.header]]
        extra_rows += [[_p(str(v)[:1500], small) for v in values] for values in extra_table.rows]
        grid = LongTable(extra_rows, repeatRows=1)
        grid.setStyle(_GRID)
        story += [grid, Spacer(1, 0.4 * cm)]
    story.append(_p(_("Every input and our answer"), styles["Heading3"]))
    rows = [[_p(h, small) for h in (_("Number"), _("Input"), _("Status"), _("Answer"))]]
    for item in inputs:
        response = response_of(item)
        text = (
            _("Hidden by the moderator: %(reason)s") % {"reason": item.hidden_reason}
            if item.visibility == Visibility.HIDDEN
            else (f"{item.title}\n{item.text}" if item.title else item.text)
        )
        if item.section_id:
            text = f"[{item.section}] {text}"
        rows.append(
            [
                _p(str(item.pk), small),
                _p(text[:1500], small),
                _p(response.get_status_display() if response else _("Received"), small),
                _p(response.answer if response else "", small),
            ]
        )
    long_table = LongTable(rows, colWidths=[1.5 * cm, 12 * cm, 3.5 * cm, 9.5 * cm], repeatRows=1)
    long_table.setStyle(_GRID)
    story.append(long_table)
    document.build(story)
    return buffer.getvalue()
