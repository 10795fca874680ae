"""The report as XLSX: a summary sheet with the counts and decisions, and the table of
every input with its status and answer. No personal data."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from medvirk.core.panels import ExportTable
from medvirk.followup.models import Report
from medvirk.followup.selectors import ReportData
from medvirk.participation import exports as input_exports
from medvirk.participation.models import Activity, Input


def report_xlsx(
    *,
    activity: Activity,
    report: Report | None,
    data: ReportData,
    inputs: Iterable[Input],
    extra: Sequence[ExportTable] = (),
) -> bytes:
    """The report workbook; ``extra`` tables from other apps (the published themes)
    become sheets after the decisions."""
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _("Summary")[:31]
    bold = Font(bold=True)
    summary.append([activity.title])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([activity.municipality.name, activity.owner_name])
    if report is not None:
        summary.append([_("What we heard"), report.what_we_heard])
        summary.append([_("What we did"), report.what_we_did])
    summary.append([])
    for heading, counts in (
        (_("Channel"), data.by_channel),
        (_("District"), data.by_district),
        (_("Status"), data.by_status),
    ):
        summary.append([heading, _("Count")])
        summary.cell(row=summary.max_row, column=1).font = bold
        for count in counts:
            summary.append([count.label, count.count])
        summary.append([])
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 80
    decisions = workbook.create_sheet(_("Decisions")[:31])
    decisions.append(
        [
            _("Title"),
            _("What was decided"),
            _("Decided on"),
            _("Decided by"),
            _("Case number"),
            _("Inputs behind it"),
        ]
    )
    for decision in data.decisions:
        decisions.append(
            [
                decision.title,
                decision.text,
                decision.decided_on,
                decision.decided_by,
                decision.reference,
                ", ".join(str(i.pk) for i in decision.inputs.all()),
            ]
        )
    for extra_table in extra:
        sheet = workbook.create_sheet(extra_table.title[:31])
        sheet.append(extra_table.header)
        for cell in sheet[1]:
            cell.font = bold
        for values in extra_table.rows:
            sheet.append([input_exports.safe_cell(v) for v in values])
    table = workbook.create_sheet(_("Inputs and answers")[:31])
    table.append(input_exports.header())
    for row in input_exports.rows(inputs):
        table.append([input_exports.safe_cell(v) for v in row])
    for column in ("G", "L"):
        table.column_dimensions[column].width = 60
        for cell in table[column]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
