"""CSV files for people and for machines, written one way everywhere.

Downloads meant for people (ledgers, inputs, reports) are opened in Excel, which in
Norway expects ``;`` between the fields (the comma is the decimal sign) and reads UTF-8
only when the file starts with a byte-order mark. So ``people`` CSV is UTF-8 with a BOM,
separated by ``;`` when the active language is nb or nn and by ``,`` in English. The
BOM is always written: it does no harm elsewhere and makes Excel read æøå right.

``machine`` CSV (the API's ``format=csv`` and the indicator figures, which share its
columns and decimal points) is plain comma-separated UTF-8 without a BOM, the same in
every language, so scripts can rely on it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import translation

BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"
NORWEGIAN = frozenset({"nb", "nn", "no"})


class PeopleNorwegian(csv.excel):
    """What Excel with Norwegian regional settings expects."""

    delimiter = ";"


class PeopleEnglish(csv.excel):
    delimiter = ","


class Machine(csv.excel):
    """RFC 4180: comma, CRLF, double quotes."""

    delimiter = ","


def people_dialect(language: str | None = None) -> type[csv.Dialect]:
    """The dialect of a download for people in ``language`` (default: the active one)."""
    code = (language or translation.get_language() or "nb").split("-")[0].lower()
    return PeopleNorwegian if code in NORWEGIAN else PeopleEnglish


def csv_text(
    header: Sequence[Any] | None,
    rows: Iterable[Sequence[Any]],
    *,
    for_people: bool = True,
    language: str | None = None,
) -> str:
    """The whole file as text; for people it starts with the BOM."""
    out = io.StringIO()
    dialect = people_dialect(language) if for_people else Machine
    if for_people:
        out.write(BOM)
    writer = csv.writer(out, dialect=dialect)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def csv_response(
    filename: str,
    header: Sequence[Any] | None,
    rows: Iterable[Sequence[Any]],
    *,
    for_people: bool = True,
    language: str | None = None,
) -> HttpResponse:
    """A CSV attachment named ``filename``."""
    response = HttpResponse(
        csv_text(header, rows, for_people=for_people, language=language),
        content_type=CONTENT_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
