"""Reading text collections from CSV files, with clear errors instead of crashes.

The file must be UTF-8 (a byte-order mark is allowed). The delimiter is detected among
comma, semicolon and tab (spreadsheets saved in Norway often use semicolons). Every
problem the user can fix raises :class:`CsvInputError` with a message that says what is
wrong and where.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from medvirk.algorithms.themes.model import TextItem

# Long consultation answers exceed the csv module's default field limit of 128 KiB.
FIELD_SIZE_LIMIT = min(sys.maxsize, 2**31 - 1)


class CsvInputError(ValueError):
    """The CSV file cannot be read as asked; the message says why."""


@dataclass(frozen=True)
class CsvCollection:
    """The items of a file, and the label of each when a label column was asked for."""

    items: list[TextItem]
    labels: list[str] | None


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CsvInputError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CsvInputError(
            f"{path}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} on line {line}); "
            "save the file as UTF-8 and try again"
        ) from exc


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_collection(
    path: Path | str,
    *,
    text_column: str,
    id_column: str | None = None,
    label_column: str | None = None,
    facet_columns: Sequence[str] = (),
) -> CsvCollection:
    """Read items (and optionally labels) from a CSV file with a header row.

    Without ``id_column`` the ids are the data row numbers, counted from 1. Raises
    :class:`CsvInputError` for an unreadable or non-UTF-8 file, a missing column (naming
    the columns present), a malformed row, or empty or repeated ids.
    """
    path = Path(path)
    text = _decode(path)
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    present = [name for name in (reader.fieldnames or []) if name is not None]
    wanted = [("text", text_column), ("id", id_column), ("label", label_column)]
    wanted += [("facet", name) for name in facet_columns]
    for role, name in wanted:
        if name is not None and name not in present:
            shown = ", ".join(present) if present else "none (is the file empty?)"
            raise CsvInputError(f"{path}: no {role} column {name!r}; the columns are: {shown}")
    items: list[TextItem] = []
    labels: list[str] = []
    seen: set[str] = set()
    try:
        for number, row in enumerate(reader, start=1):
            item_id = (row.get(id_column) or "").strip() if id_column else str(number)
            if not item_id:
                raise CsvInputError(f"{path}: data row {number} has an empty id")
            if item_id in seen:
                raise CsvInputError(f"{path}: id {item_id!r} occurs more than once")
            seen.add(item_id)
            facets = {name: row.get(name) or "" for name in facet_columns}
            items.append(TextItem(id=item_id, text=row.get(text_column) or "", facets=facets))
            if label_column:
                labels.append(row.get(label_column) or "")
    except csv.Error as exc:
        raise CsvInputError(f"{path}: malformed CSV on line {reader.line_num}: {exc}") from exc
    return CsvCollection(items=items, labels=labels if label_column else None)
