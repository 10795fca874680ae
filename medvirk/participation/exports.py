"""Exports of an activity's inputs as CSV and XLSX, without any personal data: no names,
e-mail addresses, phone numbers or accounts; hidden inputs show only the public reason."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from medvirk.core.csvexport import csv_text
from medvirk.participation.models import Input, Visibility


def response_of(item: Input) -> Any:
    """The input's response (from the followup app), or None."""
    try:
        return item.response
    except Exception:
        return None


def header() -> list[str]:
    return [
        _("Number"),
        _("Received"),
        _("Kind"),
        _("Channel"),
        _("Section"),
        _("Title"),
        _("Text"),
        _("Latitude"),
        _("Longitude"),
        _("Supporters"),
        _("Status"),
        _("Answer"),
    ]


def rows(inputs: Iterable[Input]) -> Iterator[list[Any]]:
    for item in inputs:
        response = response_of(item)
        hidden = item.visibility == Visibility.HIDDEN
        yield [
            item.pk,
            timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M"),
            item.get_kind_display(),
            item.get_channel_display(),
            str(item.section) if item.section_id else "",
            "" if hidden else item.title,
            (_("Hidden by the moderator: %(reason)s") % {"reason": item.hidden_reason})
            if hidden
            else item.text,
            item.latitude if item.latitude is not None else "",
            item.longitude if item.longitude is not None else "",
            item.support_count,
            response.get_status_display() if response else _("Received"),
            response.answer if response else "",
        ]


def safe_cell(value: Any) -> Any:
    """Keep spreadsheet programs from running text that starts like a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def inputs_csv(inputs: Iterable[Input]) -> str:
    """For people: BOM, ``;`` in nb/nn (see core.csvexport)."""
    return csv_text(header(), ([safe_cell(v) for v in row] for row in rows(inputs)))


def inputs_xlsx(inputs: Iterable[Input], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Inputs")[:31]
    sheet.append([title])
    sheet.append(header())
    for row in rows(inputs):
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
